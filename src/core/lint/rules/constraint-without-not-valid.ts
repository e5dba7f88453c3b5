// ADD CONSTRAINT ... FOREIGN KEY or CHECK on a table that holds rows checks every row while it
// holds its lock (SHARE ROW EXCLUSIVE for a foreign key, on both tables: writes wait; ACCESS
// EXCLUSIVE for a CHECK: reads wait too). NOT VALID skips that scan; a later VALIDATE CONSTRAINT
// does it under SHARE UPDATE EXCLUSIVE, which lets reads and writes go on — but only when it runs
// in a transaction of its own: in the ADD's transaction the ADD's lock is still held.
import type { Constraint } from '@pgsql/types';
import { as, columnConstraints, rangeAtLocation, rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { alterCommands, AlterCommand } from '../alter-table-commands';
import { quoteIdent } from '../../db/types';
import { isExistingTable } from '../existing-objects';
import { nameTextAt } from '../statement-text';
import { afterBlockOffset, hasExplicitTransactions, moveOutOfTransaction, runsInTransaction, transactionBlockOf } from '../transaction-blocks';
import type { Fix, ParsedMigration, ParsedStatement, Rule } from '../types';

const KIND: Partial<Record<NonNullable<Constraint['contype']>, string>> = { CONSTR_FOREIGN: 'FOREIGN KEY', CONSTR_CHECK: 'CHECK' };

export const constraintWithoutNotValid: Rule = {
  meta: {
    id: 'constraint-without-not-valid',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'FOREIGN KEY or CHECK added to an existing table without NOT VALID, or validated in the transaction that added it.',
    rationale: 'Adding a FOREIGN KEY or CHECK constraint checks every existing row while holding a lock that blocks writes (and, for CHECK, reads). Add it NOT VALID — new rows are checked at once — and run ALTER TABLE ... VALIDATE CONSTRAINT in a separate transaction, which scans under a lock that lets reads and writes continue. Validating in the same transaction as the ADD keeps the ADD\'s lock for the whole scan and gains nothing.',
    docs: 'docs/rules/constraint-without-not-valid.md',
    fixable: true,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      const notValidAdds = new Map<string, ParsedStatement>();
      for (const stmt of m.up.statements) {
        const alter = stmtAs(stmt, 'AlterTableStmt');
        const key = rangeVarKey(alter?.relation);
        if (!alter?.relation || !key) continue;
        const existing = isExistingTable(m.up, stmt, key);
        for (const command of alterCommands(stmt)) {
          const { cmd } = command;
          const con = cmd.subtype === 'AT_AddConstraint' ? as(cmd.def, 'Constraint') : undefined;
          const kind = con?.contype ? KIND[con.contype] : undefined;
          if (con && kind && con.skip_validation) {
            if (con.conname) notValidAdds.set(`${key}/${con.conname}`, stmt);
          } else if (con && kind && existing) {
            ctx.report({
              file: m.up.section.file,
              ...command.range,
              message: `adding ${kind} constraint ${con.conname ?? ''} to existing table ${rangeVarName(alter.relation)} checks every row while blocking ${con.contype === 'CONSTR_CHECK' ? 'reads and writes' : 'writes'}`.replace('  ', ' '),
              help: 'add it NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a separate transaction',
              fix: notValidFix(m, stmt, command, con),
            });
          } else if (cmd.subtype === 'AT_AddColumn' && existing) {
            for (const c of columnConstraints(as(cmd.def, 'ColumnDef') ?? {})) {
              const inline = c.contype ? KIND[c.contype] : undefined;
              if (!inline) continue;
              ctx.report({
                file: m.up.section.file,
                ...rangeAtLocation(stmt, c.location),
                message: `the new column's inline ${inline === 'FOREIGN KEY' ? 'REFERENCES' : 'CHECK'} constraint is validated against every row of existing table ${rangeVarName(alter.relation)} while the table is locked`,
                help: 'add the column without it, then ADD CONSTRAINT ... NOT VALID and VALIDATE CONSTRAINT in a separate transaction',
              });
            }
          } else if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name) {
            const added = notValidAdds.get(`${key}/${cmd.name}`);
            const block = transactionBlockOf(m.up, stmt);
            if (!added || block === undefined || transactionBlockOf(m.up, added) !== block) continue;
            const alone = (alter.cmds ?? []).length === 1 && hasExplicitTransactions(m.up);
            const edits = alone ? moveOutOfTransaction(m.up, stmt, stmt.text) : undefined;
            ctx.report({
              file: m.up.section.file,
              ...command.range,
              message: `constraint ${cmd.name} is validated in the same transaction that added it NOT VALID, so the ADD's lock is held for the whole scan`,
              help: 'run VALIDATE CONSTRAINT in a separate transaction: after the COMMIT, or in the next migration',
              fix: edits && { title: 'Validate after the COMMIT', edits },
            });
          }
        }
      }
    }
  },
};

/** NOT VALID after the constraint, plus VALIDATE CONSTRAINT in a transaction of its own when possible. */
function notValidFix(m: ParsedMigration, stmt: ParsedStatement, command: AlterCommand, con: Constraint): Fix {
  const file = m.up.section.file;
  const edits = [{ file, start: command.range.end, end: command.range.end, newText: ' NOT VALID' }];
  const alter = stmtAs(stmt, 'AlterTableStmt');
  const table = alter?.relation ? nameTextAt(stmt, alter.relation.location) : undefined;
  if (!con.conname || !table) return { title: 'Add NOT VALID', edits };
  const validate = `ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(con.conname)};`;
  if (!runsInTransaction(m.up, stmt)) {
    edits.push({ file, start: stmt.endWithSemicolon, end: stmt.endWithSemicolon, newText: `\n${validate}` });
    return { title: 'Add NOT VALID and validate separately', edits };
  }
  const at = hasExplicitTransactions(m.up) ? afterBlockOffset(m.up, stmt) : undefined;
  if (at === undefined) return { title: 'Add NOT VALID (validate it in a later migration)', edits };
  edits.push({ file, start: at, end: at, newText: `\n${validate}` });
  return { title: 'Add NOT VALID and validate after the COMMIT', edits };
}

