// Every place an UP section gives a column its type: CREATE TABLE, ALTER TABLE ... ADD COLUMN and
// ALTER COLUMN ... TYPE. The type rules (dimensions, bigint, text, timestamptz, char) all read
// columns through here, so they agree on which statements they look at.
import type { ColumnDef, Constraint, CreateStmt, RangeVar } from '@pgsql/types';
import { as, columnConstraints, rangeAtLocation, rangeVarKey, stmtAs, tableElements, typeInfo, TypeInfo } from './ast';
import { memoByRun, memoByStatement } from './statement-memo';
import { textOf } from './statement-text';
import { typeRange, TypeRange } from './type-range';
import type { ParsedMigration, ParsedStatement, RuleContext, TableKey } from './types';

export type ColumnDefinitionKind = 'create-table' | 'add-column' | 'alter-type';

export interface ColumnDefinition {
  migration: ParsedMigration;
  stmt: ParsedStatement;
  /** Absolute path of the file the statement is in. */
  file: string;
  kind: ColumnDefinitionKind;
  table: TableKey;
  relation: RangeVar;
  name: string;
  /** The name as it must be written in SQL: as the statement wrote it, quotes included. */
  nameText: string;
  column: ColumnDef;
  type: TypeInfo;
  typeRange: TypeRange;
  /** The column's own constraints (none for ALTER COLUMN ... TYPE). */
  constraints: Constraint[];
  /** Table constraints of the same CREATE TABLE (PRIMARY KEY (id), FOREIGN KEY ...). */
  tableConstraints: Constraint[];
  /** The CREATE TABLE that holds the column, when that is where it is defined. */
  createStmt?: CreateStmt;
}

/** Column definitions of every UP section, in migration and statement order; found once per lint run. */
export function columnDefinitions(ctx: Pick<RuleContext, 'migrations'>): readonly ColumnDefinition[] {
  return memoByRun('columnDefinitions', ctx.migrations, (migrations) => {
    const out: ColumnDefinition[] = [];
    for (const migration of migrations) {
      const file = migration.up.section.file;
      for (const stmt of migration.up.statements) {
        for (const column of memoByStatement('columnDefinitions', stmt, statementColumns)) out.push({ migration, file, ...column });
      }
    }
    return out;
  });
}

/** What a definition says on its own: kept with the statement, so unchanged statements are not read again. */
type StatementColumn = Omit<ColumnDefinition, 'migration' | 'file'>;

function statementColumns(stmt: ParsedStatement): StatementColumn[] {
  const out: StatementColumn[] = [];
  const create = stmtAs(stmt, 'CreateStmt');
  if (create?.relation) {
    const table = rangeVarKey(create.relation);
    const { columns, constraints: tableConstraints } = tableElements(create.tableElts);
    for (const column of columns) {
      const def = definition(stmt, 'create-table', table, create.relation, column.colname, column, tableConstraints);
      if (def) out.push({ ...def, createStmt: create });
    }
    return out;
  }
  const alter = stmtAs(stmt, 'AlterTableStmt');
  if (!alter?.relation || (alter.objtype !== undefined && alter.objtype !== 'OBJECT_TABLE')) return out;
  const table = rangeVarKey(alter.relation);
  for (const c of alter.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const column = as(cmd?.def, 'ColumnDef');
    if (!cmd || !column) continue;
    if (cmd.subtype === 'AT_AddColumn') {
      const def = definition(stmt, 'add-column', table, alter.relation, column.colname, column, []);
      if (def) out.push(def);
    } else if (cmd.subtype === 'AT_AlterColumnType') {
      const def = definition(stmt, 'alter-type', table, alter.relation, cmd.name, column, []);
      if (def) out.push(def);
    }
  }
  return out;
}

function definition(
  stmt: ParsedStatement, kind: ColumnDefinitionKind,
  table: TableKey | undefined, relation: RangeVar, name: string | undefined, column: ColumnDef, tableConstraints: Constraint[],
): StatementColumn | undefined {
  const type = typeInfo(column.typeName);
  const range = column.typeName ? typeRange(stmt, column.typeName) : undefined;
  if (!table || !name || !type || !range) return undefined;
  // ALTER COLUMN ... TYPE's ColumnDef has no name of its own (and its location is the type's).
  const nameText = kind === 'alter-type' || column.location === undefined ? sqlIdentifier(name) : textOf(stmt, rangeAtLocation(stmt, column.location));
  return {
    stmt, kind, table, relation, name, nameText, column, type, typeRange: range,
    constraints: kind === 'alter-type' ? [] : columnConstraints(column), tableConstraints,
  };
}

/** Whether the column is the table's whole primary key (`id ... PRIMARY KEY` or `PRIMARY KEY (id)`). */
export function isSoleKeyColumn(def: ColumnDefinition): boolean {
  if (def.constraints.some((c) => c.contype === 'CONSTR_PRIMARY')) return true;
  return def.tableConstraints.some((c) => {
    if (c.contype !== 'CONSTR_PRIMARY') return false;
    const keys = (c.keys ?? []).map((k) => as(k, 'String')?.sval);
    return keys.length === 1 && keys[0] === def.name;
  });
}

/** GENERATED ALWAYS / BY DEFAULT AS IDENTITY. */
export function isIdentity(def: ColumnDefinition): boolean {
  return def.constraints.some((c) => c.contype === 'CONSTR_IDENTITY');
}

/** A name as SQL must write it: quoted unless it is a plain lower-case name (keywords aside). */
export function sqlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
