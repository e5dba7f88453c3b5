// Row-level checks of the rules a constraint states but does not (yet) enforce on old rows:
// NOT VALID foreign keys, CHECKs and NOT NULLs, and the relationships and required columns the
// config declares without any constraint.
import type { Column, Constraint, Table } from '../catalog';
import { quoteIdent } from '../../db/types';
import { count, finding, Judged, RowProbe, rowsText, rowsVerb, ScanContext } from '../probe';
import { keySelectList } from '../remediation-sql';

/** A foreign key's columns, resolved in the catalog (or from the config's "relationships"). */
export interface ForeignKeyShape {
  columns: Column[];
  refTable: Table;
  refColumns: Column[];
  matchFull: boolean;
}

/** Rows whose key is complete but has no match in the referenced table (MATCH FULL: or is partly NULL). */
export function orphanCondition(ctx: Pick<ScanContext, 'col'>, fk: ForeignKeyShape): string {
  const present = fk.columns.map((c) => `${ctx.col(c)} IS NOT NULL`).join(' AND ');
  const match = fk.columns.map((c, i) => `r.${fk.refColumns[i].quoted} = ${ctx.col(c)}`).join(' AND ');
  const missing = `${present} AND NOT EXISTS (SELECT 1 FROM ${fk.refTable.quoted} AS r WHERE ${match})`;
  if (!fk.matchFull || fk.columns.length === 1) return missing;
  return `((${missing}) OR num_nulls(${fk.columns.map((c) => ctx.col(c)).join(', ')}) BETWEEN 1 AND ${fk.columns.length - 1})`;
}

/** The same conditions written for a person: the table aliased as t, so they read the same. */
const userCtx = { col: (c: Column) => `t.${c.quoted}` };

function columnList(columns: Column[]): string {
  return columns.map((c) => c.quoted).join(', ');
}

function names(columns: Column[]): string {
  return columns.map((c) => c.name).join(', ');
}

function inspect(table: Table, condition: string, what: string): string {
  return `-- ${what}\nSELECT ${keySelectList(table)} FROM ${table.quoted} AS t WHERE ${condition};`;
}

/** A NOT VALID foreign key: its orphans, and whether VALIDATE CONSTRAINT would pass. */
export function notValidForeignKeyProbe(table: Table, con: Constraint, fk: ForeignKeyShape): RowProbe {
  const column = names(fk.columns);
  return {
    covers: [{ id: 'orphaned-rows', column }, { id: 'constraint-not-validated', column }],
    aggregates: (ctx) => [`count(*) FILTER (WHERE ${orphanCondition(ctx, fk)})`],
    judge: (values, _h, ctx) => {
      const orphans = count(values[0]);
      const validate = `ALTER TABLE ${table.quoted} VALIDATE CONSTRAINT ${con.quoted};`;
      const cleanup = [
        inspect(table, orphanCondition(userCtx, fk), `rows of ${table.display} whose ${column} has no match in ${fk.refTable.display}`),
        `-- point them at existing rows, set ${column} to NULL, or delete them:`,
        `-- DELETE FROM ${table.quoted} AS t WHERE ${orphanCondition(userCtx, fk)};`,
        validate,
      ].join('\n');
      const orphaned: Judged = orphans === 0
        ? { finding: finding('orphaned-rows', table, column, { status: 'pass', rows: 0, message: `every ${column} of NOT VALID foreign key ${con.name} has its row in ${fk.refTable.display}`, remediation: null, object: con.name }) }
        : {
          finding: finding('orphaned-rows', table, column, { status: 'fail', rows: orphans, message: `${rowsVerb(orphans, 'references a', 'reference')} ${fk.refTable.display} row${orphans === 1 ? '' : 's'} that do${orphans === 1 ? 'es' : ''} not exist (foreign key ${con.name} is NOT VALID, so old rows were never checked)`, remediation: cleanup, object: con.name }),
          offending: () => orphanCondition(ctx, fk),
        };
      return [orphaned, notValidated(table, con, column, orphans, orphans === 0 ? validate : cleanup, orphaned.offending)];
    },
  };
}

function notValidated(table: Table, con: Constraint, column: string | null, offending: number, remediation: string, condition?: Judged['offending']): Judged {
  const message = offending === 0
    ? `constraint ${con.name} is NOT VALID; VALIDATE CONSTRAINT would pass (no offending rows): run it so the planner and readers can trust it`
    : `constraint ${con.name} is NOT VALID; VALIDATE CONSTRAINT would fail on ${rowsText(offending)}`;
  return { finding: finding('constraint-not-validated', table, column, { status: 'fail', rows: offending, message, remediation, object: con.name }), offending: condition };
}

/** `CHECK (col IS NOT NULL)` as the server deparses it: such a CHECK is a NOT NULL in waiting. */
export function notNullColumnOf(table: Table, con: Constraint): Column | undefined {
  if (con.type === 'n') return table.columns.find((c) => c.attnum === con.attnums[0]);
  if (con.type !== 'c' || con.attnums.length !== 1) return undefined;
  const column = table.columns.find((c) => c.attnum === con.attnums[0]);
  return column && con.expression === `(${column.quoted} IS NOT NULL)` ? column : undefined;
}

/** A NOT VALID CHECK or NOT NULL: the rows it would reject, and for a NOT NULL one, the NULLs. */
export function notValidCheckProbe(table: Table, con: Constraint): RowProbe {
  const notNull = notNullColumnOf(table, con);
  const condition = notNull ? (ctx: Pick<ScanContext, 'col'>) => `${ctx.col(notNull)} IS NULL` : () => `(${con.expression}) IS FALSE`;
  const column = notNull ? notNull.name : table.columns.filter((c) => con.attnums.includes(c.attnum)).map((c) => c.name).join(', ') || null;
  return {
    covers: notNull ? [{ id: 'null-violations', column }, { id: 'constraint-not-validated', column }] : [{ id: 'constraint-not-validated', column }],
    aggregates: (ctx) => [`count(*) FILTER (WHERE ${condition(ctx)})`],
    judge: (values, _h, ctx) => {
      const bad = count(values[0]);
      const validate = `ALTER TABLE ${table.quoted} VALIDATE CONSTRAINT ${con.quoted};`;
      const fix = [inspect(table, condition(userCtx), `rows that constraint ${con.name} rejects`), `-- correct them, then:`, validate].join('\n');
      const offending = bad === 0 ? undefined : () => condition(ctx);
      const judged = [notValidated(table, con, column, bad, bad === 0 ? validate : fix, offending)];
      if (notNull) judged.unshift(nullsJudged(table, notNull, bad, `NOT VALID constraint ${con.name}`, fix, offending, con.name));
      return judged;
    },
  };
}

function nullsJudged(table: Table, column: Column, nulls: number, source: string, remediation: string, offending?: Judged['offending'], object?: string): Judged {
  if (nulls === 0) return { finding: finding('null-violations', table, column.name, { status: 'pass', rows: 0, message: `no NULLs in ${column.name} (${source})`, remediation: null, object }) };
  return { finding: finding('null-violations', table, column.name, { status: 'fail', rows: nulls, message: `${rowsVerb(nulls, 'holds', 'hold')} NULL in ${column.name}, which ${source} requires`, remediation, object }), offending };
}

/** A column the config's "required" names, with no NOT NULL of its own. */
export function requiredColumnProbe(table: Table, column: Column): RowProbe {
  const condition = (ctx: Pick<ScanContext, 'col'>) => `${ctx.col(column)} IS NULL`;
  const name = quoteIdent(`${table.name}_${column.name}_not_null`);
  return {
    covers: [{ id: 'null-violations', column: column.name }],
    aggregates: (ctx) => [`count(*) FILTER (WHERE ${condition(ctx)})`],
    judge: (values, _h, ctx) => {
      const nulls = count(values[0]);
      const fix = [
        inspect(table, condition(userCtx), `rows with NULL in ${column.name}`),
        `-- fill them in, then enforce the rule without a long lock: a validated CHECK lets SET NOT NULL skip its scan`,
        `ALTER TABLE ${table.quoted} ADD CONSTRAINT ${name} CHECK (${column.quoted} IS NOT NULL) NOT VALID;`,
        `ALTER TABLE ${table.quoted} VALIDATE CONSTRAINT ${name};`,
        `ALTER TABLE ${table.quoted} ALTER COLUMN ${column.quoted} SET NOT NULL;`,
      ].join('\n');
      return [nullsJudged(table, column, nulls, 'the config\'s "required"', fix, () => condition(ctx))];
    },
  };
}

/** A relationship the config declares with no foreign key in the database. */
export function declaredRelationshipProbe(table: Table, fk: ForeignKeyShape, text: string): RowProbe {
  const column = names(fk.columns);
  const name = quoteIdent(`${table.name}_${fk.columns.map((c) => c.name).join('_')}_fkey`);
  return {
    covers: [{ id: 'orphaned-rows', column }],
    aggregates: (ctx) => [`count(*) FILTER (WHERE ${orphanCondition(ctx, fk)})`],
    judge: (values, _h, ctx) => {
      const orphans = count(values[0]);
      const addConstraint = [
        `ALTER TABLE ${table.quoted} ADD CONSTRAINT ${name} FOREIGN KEY (${columnList(fk.columns)}) REFERENCES ${fk.refTable.quoted} (${columnList(fk.refColumns)}) NOT VALID;`,
        `ALTER TABLE ${table.quoted} VALIDATE CONSTRAINT ${name};`,
      ].join('\n');
      if (orphans === 0) {
        return [{ finding: finding('orphaned-rows', table, column, { status: 'pass', rows: 0, message: `every ${column} has its row in ${fk.refTable.display} (relationship ${text} from the config; no foreign key enforces it)`, remediation: `-- enforce it:\n${addConstraint}` }) }];
      }
      return [{
        finding: finding('orphaned-rows', table, column, {
          status: 'fail', rows: orphans,
          message: `${rowsVerb(orphans, 'references a', 'reference')} ${fk.refTable.display} row${orphans === 1 ? '' : 's'} that do${orphans === 1 ? 'es' : ''} not exist (relationship ${text} from the config, which no foreign key enforces)`,
          remediation: [
            inspect(table, orphanCondition(userCtx, fk), `rows whose ${column} has no match in ${fk.refTable.display}`),
            `-- point them at existing rows, set ${column} to NULL, or delete them; then enforce the relationship:`,
            addConstraint,
          ].join('\n'),
        }),
        offending: () => orphanCondition(ctx, fk),
      }];
    },
  };
}
