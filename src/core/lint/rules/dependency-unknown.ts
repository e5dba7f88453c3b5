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
    const findMigration = migrationFinder(ctx.migrations);
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
        const target = findMigration(dep);
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

/**
 * Finds the migration a Dependencies entry names: by file name (with or without .sql), by
 * `<version>_<name>`, or by version alone ("0003" is "3"). The first migration in version order
 * that matches any of them wins. Lookups go through maps built once: a set of 1,000 migrations
 * each naming one dependency would otherwise compare every pair.
 */
function migrationFinder(all: readonly ParsedMigration[]): (dep: string) => ParsedMigration | undefined {
  const byName = new Map<string, ParsedMigration>();
  const byVersion = new Map<string, ParsedMigration>();
  const first = (map: Map<string, ParsedMigration>, key: string, p: ParsedMigration) => {
    if (!map.has(key)) map.set(key, p);
  };
  for (const p of all) {
    const m = p.migration;
    for (const f of m.files) first(byName, path.basename(f).replace(/\.(up\.|down\.)?sql$/i, ''), p);
    first(byName, `${m.version}_${m.name}`, p);
    first(byVersion, versionKey(m.version), p);
  }
  return (dep) => {
    const name = dep.replace(/\.(up|down)?\.?sql$/i, '').replace(/\.$/, '');
    const named = byName.get(name);
    const versioned = /^[\d._]+$/.test(name) ? byVersion.get(versionKey(name)) : undefined;
    if (!named || !versioned) return named ?? versioned;
    return named.index <= versioned.index ? named : versioned;
  };
}
