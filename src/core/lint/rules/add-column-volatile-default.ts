// Since PostgreSQL 11, ADD COLUMN with a DEFAULT that is the same for every row is a catalog
// change. A volatile default (random(), clock_timestamp(), gen_random_uuid(), a sequence), a
// stored generated column or an identity column has a value per row instead: PostgreSQL rewrites
// the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it is done.
import type { Constraint } from '@pgsql/types';
import { as, columnConstraints, constValue, rangeAtLocation, rangeVarKey, rangeVarName, stmtAs, typeInfo } from '../ast';
import { alterCommands } from '../alter-table-commands';
import { declaredFunctionVolatility, volatileCallIn } from '../default-volatility';
import { isExistingTable } from '../existing-objects';
import type { Rule } from '../types';
import { SERIAL_TYPES } from './add-not-null-column-without-default';

export const addColumnVolatileDefault: Rule = {
  meta: {
    id: 'add-column-volatile-default',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'ADD COLUMN on an existing table with a default that forces a table rewrite (volatile function, serial, identity, stored generated column).',
    rationale: 'A default PostgreSQL must compute per row (random(), clock_timestamp(), gen_random_uuid(), nextval via serial or identity, a stored generated expression) makes ADD COLUMN rewrite the table under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole rewrite. now() and CURRENT_TIMESTAMP are stable and cost nothing on PostgreSQL 11+. Add the column without the default, set the default with ALTER COLUMN ... SET DEFAULT (applies to new rows only), and backfill existing rows in batches.',
    docs: 'docs/rules/add-column-volatile-default.md',
    fixable: false,
  },
  check(ctx) {
    const declared = declaredFunctionVolatility(ctx.migrations);
    // Before PostgreSQL 11 every non-NULL default rewrote the table.
    const everyDefaultRewrites = ctx.config.postgresVersion < 11;
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const alter = stmtAs(stmt, 'AlterTableStmt');
        if (!alter?.relation || !isExistingTable(m.up, stmt, rangeVarKey(alter.relation))) continue;
        const table = rangeVarName(alter.relation);
        for (const { cmd } of alterCommands(stmt)) {
          const col = cmd.subtype === 'AT_AddColumn' ? as(cmd.def, 'ColumnDef') : undefined;
          if (!col) continue;
          const report = (location: number | undefined, why: string) => ctx.report({
            file: m.up.section.file,
            ...rangeAtLocation(stmt, location),
            message: `adding column ${col.colname} to existing table ${table} ${why}, which rewrites the whole table under an ACCESS EXCLUSIVE lock`,
            help: 'add the column without it, then ALTER COLUMN ... SET DEFAULT for new rows and backfill existing rows in batches',
          });
          const type = typeInfo(col.typeName);
          if (type && SERIAL_TYPES.has(type.name)) {
            report(col.typeName?.location, `as ${type.name} (a nextval() default per row)`);
            continue;
          }
          for (const c of columnConstraints(col)) {
            if (c.contype === 'CONSTR_IDENTITY') report(c.location, 'as an identity column (a sequence value per row)');
            else if (c.contype === 'CONSTR_GENERATED') report(c.location, 'as a stored generated column');
            else if (c.contype === 'CONSTR_DEFAULT') checkDefault(c, report);
          }
        }
      }
    }

    function checkDefault(c: Constraint, report: (location: number | undefined, why: string) => void): void {
      if (everyDefaultRewrites) {
        if (constValue(as(c.raw_expr, 'A_Const')) !== null) report(c.location, `with a DEFAULT on PostgreSQL ${ctx.config.postgresVersion}`);
        return;
      }
      const call = volatileCallIn(c.raw_expr, declared);
      if (!call) return;
      report(call.location, call.known
        ? `with the volatile DEFAULT ${call.name}()`
        : `with DEFAULT ${call.name}(), a function not known to be STABLE or IMMUTABLE`);
    }
  },
};
