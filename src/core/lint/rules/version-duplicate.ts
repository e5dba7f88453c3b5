// Two migrations with the same version: the runner can order them only by file name, and the
// history table (keyed by version) can record only one of them as applied.
import { fileHeadRange } from '../file-positions';
import type { Rule } from '../types';

export const versionDuplicate: Rule = {
  meta: {
    id: 'version-duplicate',
    checklistItem: 2,
    defaultSeverity: 'error',
    description: 'Two migrations share a version number.',
    rationale: 'The history records migrations by version, so of two files with the same version only one can ever be recorded as applied; which one runs first depends on file names. Give one of them the next free version.',
    docs: 'docs/rules/version-duplicate.md',
    fixable: false,
  },
  check(ctx) {
    for (const p of ctx.migrationSet.problems) {
      if (p.kind !== 'duplicate-version') continue;
      const m = ctx.migrations.find((x) => x.migration.files[0] === p.file);
      const range = m ? fileHeadRange(m.migration) : { start: 0, end: 0 };
      ctx.report({ file: p.file, ...range, message: p.message, help: p.fix });
    }
  },
};
