// DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table: queries on every
// partition wait. Since PostgreSQL 14, DETACH PARTITION ... CONCURRENTLY needs only SHARE UPDATE
// EXCLUSIVE; it runs in two transactions of its own, so not inside a transaction block.
import { as, rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { alterCommands } from '../alter-table-commands';
import { isExistingTable } from '../existing-objects';
import { moveOutOfTransaction, statementTextWith } from '../transaction-blocks';
import type { Rule } from '../types';

export const detachPartitionWithoutConcurrently: Rule = {
  meta: {
    id: 'detach-partition-without-concurrently',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'ALTER TABLE ... DETACH PARTITION without CONCURRENTLY (PostgreSQL 14+).',
    rationale: 'DETACH PARTITION locks the whole partitioned table with ACCESS EXCLUSIVE, so reads and writes on every partition wait. DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) takes a SHARE UPDATE EXCLUSIVE lock instead. It cannot run inside BEGIN ... COMMIT, so put it after the COMMIT of the UP section.',
    docs: 'docs/rules/detach-partition-without-concurrently.md',
    fixable: true,
  },
  check(ctx) {
    if (ctx.config.postgresVersion < 14) return;
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const alter = stmtAs(stmt, 'AlterTableStmt');
        if (!alter?.relation || !isExistingTable(m.up, stmt, rangeVarKey(alter.relation))) continue;
        const commands = alterCommands(stmt);
        for (const { cmd, range } of commands) {
          const part = cmd.subtype === 'AT_DetachPartition' ? as(cmd.def, 'PartitionCmd') : undefined;
          if (!part || part.concurrent) continue;
          const edits = commands.length === 1
            ? moveOutOfTransaction(m.up, stmt, statementTextWith(stmt, { at: range.end, text: ' CONCURRENTLY' }))
            : undefined;
          ctx.report({
            file: m.up.section.file,
            ...range,
            message: `DETACH PARTITION without CONCURRENTLY locks all of ${rangeVarName(alter.relation)} with ACCESS EXCLUSIVE, blocking reads and writes on every partition`,
            help: 'use DETACH PARTITION ... CONCURRENTLY, placed after the COMMIT of the UP section',
            fix: edits && { title: 'Detach CONCURRENTLY, outside the transaction', edits },
          });
        }
      }
    }
  },
};
