// File names the layout cannot place (the runner skips them), and names that break the
// convention: `<version>_<snake_case_name>.sql`, with versions of one width.
import * as path from 'node:path';
import { fileHeadRange } from '../file-positions';
import type { Rule } from '../types';

const SNAKE_CASE = /^[a-z0-9]+(_[a-z0-9]+)*$/;

export const fileNameConvention: Rule = {
  meta: {
    id: 'file-name-convention',
    checklistItem: 2,
    defaultSeverity: 'warning',
    description: 'A migration file name the layout cannot place, or not <version>_<snake_case_name>.sql.',
    rationale: 'A .sql file whose name the layout cannot read is skipped by the runner, so it never runs. Names in snake_case with versions of one width sort the same everywhere and read the same in reviews.',
    docs: 'docs/rules/file-name-convention.md',
    fixable: false,
  },
  check(ctx) {
    for (const p of ctx.migrationSet.problems) {
      if (p.kind === 'unplaceable') ctx.report({ file: p.file, start: 0, end: 0, message: `${p.message}; the runner skips it`, help: p.fix });
    }
    if (ctx.migrationSet.layout === 'flyway') return; // Flyway's own convention allows Capitalised_Descriptions.
    const widths = new Map<number, number>();
    for (const m of ctx.migrations) widths.set(m.migration.version.length, (widths.get(m.migration.version.length) ?? 0) + 1);
    const usual = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
    for (const { migration: m } of ctx.migrations) {
      const file = path.basename(m.files[0]);
      if (!SNAKE_CASE.test(m.name)) {
        const suggestion = m.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toLowerCase();
        ctx.report({ file: m.files[0], ...fileHeadRange(m), message: `${file}: "${m.name}" is not snake_case`, help: `rename it to ${m.version}_${suggestion}${file.slice(file.indexOf('.'))}` });
      } else if (usual !== undefined && m.version.length !== usual && widths.size > 1 && m.version.length < 8 && usual < 8) {
        ctx.report({ file: m.files[0], ...fileHeadRange(m), message: `${file}: version ${m.version} has ${m.version.length} digits where the other migrations have ${usual}`, help: `rename it to ${m.versionParts[0].toString().padStart(usual, '0')}_${m.name}${file.slice(file.indexOf('.'))}` });
      }
    }
  },
};
