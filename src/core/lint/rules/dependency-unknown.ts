// A Dependencies entry that names no migration of the set, or one that comes later (or itself):
// the order the runner applies migrations in cannot satisfy it.
import * as path from 'node:path';
import { versionKey } from '../../migrations/version';
import { lineRange } from '../file-positions';
import type { ParsedMigration, Rule } from '../types';

export const dependencyUnknown: Rule = {
  meta: {
    id: 'dependency-unknown',
    checklistItem: 2,
    defaultSeverity: 'error',
    description: 'The header\'s Dependencies names a migration that does not exist, or one that runs later.',
    rationale: 'Migrations run in version order. A dependency that does not exist is a typo or a migration missing from this branch; one with a later version has not run yet when this one does. Fix the name, or renumber so the dependency comes first.',
    docs: 'docs/rules/dependency-unknown.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      const field = m.migration.header.fields['dependencies'];
      if (!field) continue;
      const text = m.migration.up.fileText;
      const line = lineRange(text, field.line);
      let from = text.indexOf(':', line.start) + 1;
      for (const dep of m.migration.header.dependencies) {
        const at = text.indexOf(dep, from);
        const range = at === -1 || at > line.end ? line : { start: at, end: at + dep.length };
        if (at !== -1) from = at + dep.length;
        const target = findMigration(dep, ctx.migrations);
        const file = m.migration.up.file;
        if (!target) {
          ctx.report({ file, ...range, message: `dependency ${dep} is not a migration of this set`, help: 'fix the file name, or add the migration it names' });
        } else if (target === m) {
          ctx.report({ file, ...range, message: `${dep} is this migration itself`, help: 'name the migrations this one needs, or "none"' });
        } else if (target.index > m.index) {
          ctx.report({ file, ...range, message: `dependency ${dep} runs after this migration (version ${target.migration.version} > ${m.migration.version})`, help: 'renumber so the dependency comes first, or drop the dependency' });
        }
      }
    }
  },
};

function findMigration(dep: string, all: readonly ParsedMigration[]): ParsedMigration | undefined {
  const name = dep.replace(/\.(up|down)?\.?sql$/i, '').replace(/\.$/, '');
  return all.find((p) => {
    const m = p.migration;
    const bases = m.files.map((f) => path.basename(f).replace(/\.(up\.|down\.)?sql$/i, ''));
    return bases.includes(name) || `${m.version}_${m.name}` === name || (/^[\d._]+$/.test(name) && versionKey(name) === versionKey(m.version));
  });
}
