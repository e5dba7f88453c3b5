// Every foreign key the UP sections declare, where it is written: `REFERENCES` on a column, or
// `FOREIGN KEY (...)` in CREATE TABLE or ALTER TABLE ... ADD CONSTRAINT. The foreign key rules
// report on the referencing columns or on the referenced table name.
import type { Constraint, RangeVar } from '@pgsql/types';
import { as, columnConstraints, names, nameRangeAtLocation, Range, rangeAtLocation, rangeVarKey, stmtAs, tableElements } from './ast';
import type { ParsedMigration, ParsedStatement, RuleContext, TableKey } from './types';
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

export function* foreignKeyDefinitions(ctx: Pick<RuleContext, 'migrations'>): Generator<ForeignKeyDefinition> {
  for (const m of ctx.migrations) {
    for (const stmt of m.up.statements) yield* statementForeignKeys(m, stmt);
  }
}

function* statementForeignKeys(migration: ParsedMigration, stmt: ParsedStatement): Generator<ForeignKeyDefinition> {
  const create = stmtAs(stmt, 'CreateStmt');
  const alter = stmtAs(stmt, 'AlterTableStmt');
  const relation = create?.relation ?? alter?.relation;
  const table = rangeVarKey(relation);
  if (!relation || !table || (alter && alter.objtype !== undefined && alter.objtype !== 'OBJECT_TABLE')) return;
  const make = (constraint: Constraint, columns: string[], columnsRange: Range): ForeignKeyDefinition | undefined => {
    const refTable = rangeVarKey(constraint.pktable);
    if (constraint.contype !== 'CONSTR_FOREIGN' || !refTable || columns.length === 0) return undefined;
    return {
      migration, stmt, file: migration.up.section.file, table, relation, columns, constraint, refTable,
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
      if (fk) yield fk;
    }
  }
  const tableConstraints = create
    ? tableElements(create.tableElts).constraints
    : (alter?.cmds ?? []).map((c) => as(c, 'AlterTableCmd')).filter((c) => c?.subtype === 'AT_AddConstraint').map((c) => as(c?.def, 'Constraint'));
  for (const con of tableConstraints) {
    if (!con) continue;
    const fk = make(con, names(con.fk_attrs), foreignKeyClauseRange(stmt, con));
    if (fk) yield fk;
  }
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
