// ADD CONSTRAINT ... UNIQUE builds its index while holding an ACCESS EXCLUSIVE lock: no reads, no
// writes until the build ends. Building the unique index CONCURRENTLY first and then attaching it
// with ADD CONSTRAINT ... UNIQUE USING INDEX takes that lock only for an instant.
import { as, columnConstraints, rangeAtLocation, rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { alterCommands } from '../alter-table-commands';
import { isExistingTable } from '../existing-objects';
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
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const alter = stmtAs(stmt, 'AlterTableStmt');
        if (!alter?.relation || !isExistingTable(m.up, stmt, rangeVarKey(alter.relation))) continue;
        for (const { cmd, range } of alterCommands(stmt)) {
          const con = cmd.subtype === 'AT_AddConstraint' ? as(cmd.def, 'Constraint') : undefined;
          const inline = cmd.subtype === 'AT_AddColumn'
            ? columnConstraints(as(cmd.def, 'ColumnDef') ?? {}).find((c) => c.contype === 'CONSTR_UNIQUE')
            : undefined;
          if (!(con?.contype === 'CONSTR_UNIQUE' && !con.indexname) && !inline) continue;
          ctx.report({
            file: m.up.section.file,
            ...(inline ? rangeAtLocation(stmt, inline.location) : range),
            message: `adding a UNIQUE constraint to existing table ${rangeVarName(alter.relation)} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes`,
            help: 'CREATE UNIQUE INDEX CONCURRENTLY first (after the COMMIT), then ADD CONSTRAINT ... UNIQUE USING INDEX that index',
          });
        }
      }
    }
  },
};
