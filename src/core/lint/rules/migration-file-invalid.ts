// Files in the migrations directory that discovery cannot use: binary, unreadable or empty
// files, and a DOWN file with no UP file. The runner skips them, which is rarely what was meant.
import type { ProblemKind } from '../../migrations/types';
import type { Rule } from '../types';

const KINDS: ProblemKind[] = ['binary', 'unreadable', 'empty', 'orphan-down'];

export const migrationFileInvalid: Rule = {
  meta: {
    id: 'migration-file-invalid',
    checklistItem: 2,
    defaultSeverity: 'error',
    description: 'A .sql file in the migrations directory is empty, binary, unreadable, or a DOWN file without its UP file.',
    rationale: 'The runner cannot apply such a file and skips it, so the migration it was meant to be never runs. Write its SQL, restore the missing half, or move it out of the migrations directory.',
    docs: 'docs/rules/migration-file-invalid.md',
    fixable: false,
  },
  check(ctx) {
    for (const p of ctx.migrationSet.problems) {
      if (!KINDS.includes(p.kind)) continue;
      ctx.report({ file: p.file, start: 0, end: 0, message: p.message, help: p.fix });
    }
  },
};
