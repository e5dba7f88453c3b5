// File names the layout cannot place (the runner skips them), and names that break the layout's
// own convention (ours: `<version>_<snake_case_name>.sql`, with versions of one width).
import * as path from 'node:path';
import { layoutById } from '../../migrations/layouts';
import { fileHeadRange } from '../file-positions';
import type { Rule } from '../types';

export const fileNameConvention: Rule = {
  meta: {
    id: 'file-name-convention',
    checklistItem: 2,
    defaultSeverity: 'warning',
    description: 'A migration file name the layout cannot place, or one that breaks the layout\'s naming convention.',
    rationale: 'A .sql file whose name the layout cannot read is skipped by the runner, so it never runs. Names in snake_case with versions of one width sort the same everywhere and read the same in reviews.',
    docs: 'docs/rules/file-name-convention.md',
    fixable: false,
  },
  check(ctx) {
    for (const p of ctx.migrationSet.problems) {
      if (p.kind === 'unplaceable') ctx.report({ file: p.file, start: 0, end: 0, message: `${p.message}; the runner skips it`, help: p.fix });
    }
    // Each layout's own convention (our snake_case, Flyway's V1__Create_documents, free names in
    // other tools' folders): names that layout's tools write are never errors of ours.
    const convention = layoutById(ctx.migrationSet.layout).nameConvention;
    const widths = new Map<number, number>();
    for (const m of ctx.migrations) widths.set(m.migration.version.length, (widths.get(m.migration.version.length) ?? 0) + 1);
    const usual = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
    for (const { migration: m } of ctx.migrations) {
      const file = path.basename(m.files[0]);
      const rest = file.slice(file.indexOf('.'));
      if (convention.name && !convention.name.pattern.test(m.name)) {
        ctx.report({ file: m.files[0], ...fileHeadRange(m), message: `${file}: "${m.name}" is not ${convention.name.description}`, help: `rename it to ${m.version}_${convention.name.suggest(m.name)}${rest}` });
      } else if (convention.uniformVersionWidth && usual !== undefined && m.version.length !== usual && widths.size > 1 && m.version.length < 8 && usual < 8) {
        ctx.report({ file: m.files[0], ...fileHeadRange(m), message: `${file}: version ${m.version} has ${m.version.length} digits where the other migrations have ${usual}`, help: `rename it to ${m.versionParts[0].toString().padStart(usual, '0')}_${m.name}${rest}` });
      }
    }
  },
};
