// Every foreign key the UP sections declare, where it is written: `REFERENCES` on a column, or
// `FOREIGN KEY (...)` in CREATE TABLE or ALTER TABLE ... ADD CONSTRAINT. The foreign key rules
// report on the referencing columns or on the referenced table name.
import type { Constraint, RangeVar } from '@pgsql/types';
import { as, columnConstraints, names, nameRangeAtLocation, Range, rangeAtLocation, rangeVarKey, stmtAs, tableElements } from './ast';
import type { ParsedMigration, ParsedStatement, RuleContext, TableKey } from './types';
import { memoByRun, memoByStatement } from './statement-memo';
import { matching } from './type-range';

export interface ForeignKeyDefinition {
  migration: ParsedMigration;
  stmt: ParsedStatement;
  file: string;
  /** The referencing table and its name as written. */
  table: TableKey;
  relation: RangeVar;
  columns: string[];
  constraint: Constraint;
  refTable: TableKey;
  /** The referenced table's name in the file. */
  refRange: Range;
  /** The referencing columns in the file: the column name, or `FOREIGN KEY (a, b)`. */
  columnsRange: Range;
}

/** Foreign keys of every UP section, in migration and statement order; found once per lint run. */
export function foreignKeyDefinitions(ctx: Pick<RuleContext, 'migrations'>): readonly ForeignKeyDefinition[] {
  return memoByRun('foreignKeyDefinitions', ctx.migrations, (migrations) => {
    const out: ForeignKeyDefinition[] = [];
    for (const migration of migrations) {
      const file = migration.up.section.file;
      for (const stmt of migration.up.statements) {
        for (const fk of memoByStatement('foreignKeyDefinitions', stmt, statementForeignKeys)) out.push({ migration, file, ...fk });
      }
    }
    return out;
  });
}

/** What a foreign key says on its own: kept with the statement, so unchanged statements are not read again. */
type StatementForeignKey = Omit<ForeignKeyDefinition, 'migration' | 'file'>;

function statementForeignKeys(stmt: ParsedStatement): StatementForeignKey[] {
  const out: StatementForeignKey[] = [];
  const create = stmtAs(stmt, 'CreateStmt');
  const alter = stmtAs(stmt, 'AlterTableStmt');
  const relation = create?.relation ?? alter?.relation;
  const table = rangeVarKey(relation);
  if (!relation || !table || (alter && alter.objtype !== undefined && alter.objtype !== 'OBJECT_TABLE')) return out;
  const make = (constraint: Constraint, columns: string[], columnsRange: Range): StatementForeignKey | undefined => {
    const refTable = rangeVarKey(constraint.pktable);
    if (constraint.contype !== 'CONSTR_FOREIGN' || !refTable || columns.length === 0) return undefined;
    return {
      stmt, table, relation, columns, constraint, refTable,
      refRange: nameRangeAtLocation(stmt, constraint.pktable?.location), columnsRange,
    };
  };
  const columnDefs = create
    ? tableElements(create.tableElts).columns
    : (alter?.cmds ?? []).map((c) => as(c, 'AlterTableCmd')).filter((c) => c?.subtype === 'AT_AddColumn').map((c) => as(c?.def, 'ColumnDef'));
  for (const col of columnDefs) {
    if (!col?.colname) continue;
    for (const con of columnConstraints(col)) {
      const fk = make(con, [col.colname], rangeAtLocation(stmt, col.location));
      if (fk) out.push(fk);
    }
  }
  const tableConstraints = create
    ? tableElements(create.tableElts).constraints
    : (alter?.cmds ?? []).map((c) => as(c, 'AlterTableCmd')).filter((c) => c?.subtype === 'AT_AddConstraint').map((c) => as(c?.def, 'Constraint'));
  for (const con of tableConstraints) {
    if (!con) continue;
    const fk = make(con, names(con.fk_attrs), foreignKeyClauseRange(stmt, con));
    if (fk) out.push(fk);
  }
  return out;
}

/** `FOREIGN KEY (a, b)`: from the FOREIGN keyword to the closing parenthesis. */
function foreignKeyClauseRange(stmt: ParsedStatement, con: Constraint): Range {
  const from = stmt.fileOffset(con.location);
  const tokens = stmt.tokens;
  const i = tokens.findIndex((t) => t.start >= from && t.text.toLowerCase() === 'foreign');
  const open = i >= 0 && tokens[i + 2]?.text === '(' ? i + 2 : -1;
  if (open < 0) return rangeAtLocation(stmt, con.location);
  return { start: tokens[i].start, end: tokens[matching(tokens, open)].end };
}
