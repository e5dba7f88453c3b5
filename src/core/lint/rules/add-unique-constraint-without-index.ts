// ADD CONSTRAINT ... UNIQUE builds its index while holding an ACCESS EXCLUSIVE lock: no reads, no
// writes until the build ends. Building the unique index CONCURRENTLY first and then attaching it
// with ADD CONSTRAINT ... UNIQUE USING INDEX takes that lock only for an instant.
import { rangeVarName } from '../ast';
import { constraintsAddedToExistingTables } from '../added-constraints';
import type { Rule } from '../types';

export const addUniqueConstraintWithoutIndex: Rule = {
  meta: {
    id: 'add-unique-constraint-without-index',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'UNIQUE constraint added to an existing table without USING INDEX.',
    rationale: 'Adding a UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build. Build the index with CREATE UNIQUE INDEX CONCURRENTLY (outside the transaction), then ALTER TABLE ... ADD CONSTRAINT name UNIQUE USING INDEX index_name, which is instant.',
    docs: 'docs/rules/add-unique-constraint-without-index.md',
    fixable: false,
  },
  check(ctx) {
    for (const { command, range } of constraintsAddedToExistingTables(ctx, 'CONSTR_UNIQUE')) {
      ctx.report({
        file: command.migration.up.section.file,
        ...range,
        message: `adding a UNIQUE constraint to existing table ${rangeVarName(command.alter.relation)} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes`,
        help: 'CREATE UNIQUE INDEX CONCURRENTLY first (after the COMMIT), then ADD CONSTRAINT ... UNIQUE USING INDEX that index',
      });
    }
  },
};
