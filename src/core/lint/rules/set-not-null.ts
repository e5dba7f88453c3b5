// ALTER COLUMN ... SET NOT NULL reads the whole table to prove there is no NULL, holding an
// ACCESS EXCLUSIVE lock (no reads, no writes) while it does. Since PostgreSQL 12 the scan is
// skipped when a validated CHECK (col IS NOT NULL) already proves it, and that CHECK can be added
// NOT VALID and validated under a lock that lets reads and writes go on.
import type { AlterTableStmt } from '@pgsql/types';
import { as, names, rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { alterCommands } from '../alter-table-commands';
import { phraseRange } from '../statement-text';
import { isExistingTable, newObjectsBefore } from '../existing-objects';
import type { ParsedMigration, ParsedStatement, Rule, RuleContext } from '../types';

export const setNotNull: Rule = {
  meta: {
    id: 'set-not-null',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'ALTER COLUMN ... SET NOT NULL on an existing table without a validated CHECK (col IS NOT NULL) first.',
    rationale: 'SET NOT NULL scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes for the length of the scan. On PostgreSQL 12+ add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a separate transaction (only a SHARE UPDATE EXCLUSIVE lock), then SET NOT NULL skips the scan; drop the CHECK afterwards.',
    docs: 'docs/rules/set-not-null.md',
    fixable: false,
  },
  check(ctx) {
    const canUseCheck = ctx.config.postgresVersion >= 12;
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const alter = stmtAs(stmt, 'AlterTableStmt');
        const key = rangeVarKey(alter?.relation);
        if (!alter?.relation || !isExistingTable(m.up, stmt, key)) continue;
        for (const { cmd, range } of alterCommands(stmt)) {
          if (cmd.subtype !== 'AT_SetNotNull' || !cmd.name) continue;
          // Already NOT NULL: PostgreSQL has nothing to prove and skips the scan.
          if (ctx.schemaBefore(m).tables.get(key)?.columns.get(cmd.name)?.notNull && !newObjectsBefore(m.up, stmt).columns.has(`${key}.${cmd.name}`)) continue;
          if (canUseCheck && provenNotNull(ctx, m, stmt).has(`${key}.${cmd.name}`)) continue;
          ctx.report({
            file: m.up.section.file,
            ...(phraseRange(stmt, ['set', 'not', 'null'], range) ?? range),
            message: `SET NOT NULL on ${rangeVarName(alter.relation)}.${cmd.name} scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes`,
            help: canUseCheck
              ? `first ADD CONSTRAINT ... CHECK (${cmd.name} IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in a separate transaction; SET NOT NULL then skips the scan`
              : 'schedule it for a quiet period, or keep a CHECK (... IS NOT NULL) constraint instead (PostgreSQL 12+ can use it to skip the scan)',
          });
        }
      }
    }
  },
};

/** `table.column` pairs a validated CHECK (column IS NOT NULL) covers when `stmt` runs. */
function provenNotNull(ctx: RuleContext, m: ParsedMigration, stmt: ParsedStatement): Set<string> {
  const checks = new Map<string, { column: string; valid: boolean }>();
  for (const earlier of ctx.migrations.slice(0, m.index + 1)) {
    for (const s of earlier.up.statements) {
      if (s === stmt) break;
      const alter = stmtAs(s, 'AlterTableStmt');
      if (alter) recordChecks(alter, checks);
    }
  }
  return new Set([...checks.values()].filter((c) => c.valid).map((c) => c.column));
}

function recordChecks(alter: AlterTableStmt, checks: Map<string, { column: string; valid: boolean }>): void {
  const key = rangeVarKey(alter.relation);
  if (!key) return;
  for (const c of alter.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const con = as(cmd?.def, 'Constraint');
    if (cmd?.subtype === 'AT_AddConstraint' && con?.contype === 'CONSTR_CHECK') {
      const test = as(con.raw_expr, 'NullTest');
      const column = names(as(test?.arg, 'ColumnRef')?.fields);
      if (test?.nulltesttype === 'IS_NOT_NULL' && column.length === 1) {
        const name = con.conname ?? `unnamed ${checks.size}`;
        checks.set(`${key}/${name}`, { column: `${key}.${column[0]}`, valid: con.skip_validation !== true });
      }
    } else if (cmd?.subtype === 'AT_ValidateConstraint' && cmd.name) {
      const check = checks.get(`${key}/${cmd.name}`);
      if (check) check.valid = true;
    } else if (cmd?.subtype === 'AT_DropConstraint' && cmd.name) {
      checks.delete(`${key}/${cmd.name}`);
    }
  }
}
