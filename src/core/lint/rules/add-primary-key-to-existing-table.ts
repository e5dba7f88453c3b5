// ADD PRIMARY KEY on a table with rows builds the key's index (and checks NOT NULL on its
// columns) under an ACCESS EXCLUSIVE lock. A unique index built CONCURRENTLY beforehand can be
// promoted with ADD CONSTRAINT ... PRIMARY KEY USING INDEX instead.
import { rangeVarName } from '../ast';
import { constraintsAddedToExistingTables } from '../added-constraints';
import type { Rule } from '../types';

export const addPrimaryKeyToExistingTable: Rule = {
  meta: {
    id: 'add-primary-key-to-existing-table',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'PRIMARY KEY added to an existing table without USING INDEX (including ADD COLUMN ... PRIMARY KEY).',
    rationale: 'Adding a primary key builds its unique index, and checks its columns for NULLs, under an ACCESS EXCLUSIVE lock that blocks reads and writes throughout; ADD COLUMN id bigserial PRIMARY KEY also rewrites the table. Build CREATE UNIQUE INDEX CONCURRENTLY first (the columns already NOT NULL), then ALTER TABLE ... ADD CONSTRAINT name PRIMARY KEY USING INDEX index_name.',
    docs: 'docs/rules/add-primary-key-to-existing-table.md',
    fixable: false,
  },
  check(ctx) {
    for (const { command, range } of constraintsAddedToExistingTables(ctx, 'CONSTR_PRIMARY')) {
      ctx.report({
        file: command.migration.up.section.file,
        ...range,
        message: `adding a PRIMARY KEY to existing table ${rangeVarName(command.alter.relation)} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes`,
        help: 'CREATE UNIQUE INDEX CONCURRENTLY on the key columns first, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX that index',
      });
    }
  },
};
