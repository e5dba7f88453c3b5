// Applies one parsed UP statement to the schema model: CREATE/ALTER/DROP/RENAME of tables,
// columns, constraints, indexes and extensions. Anything else leaves the model as it was: the
// model is what the migrations visibly build, not a database (rules stay silent about the unknown).
import type { AlterTableCmd, ColumnDef, Constraint, CreateStmt, IndexStmt, Node, RangeVar } from '@pgsql/types';
import { as, columnConstraints, defElemOptions, exprText, kindOf, names, rangeVarKey, tableElements, tableKey, typeInfo } from '../lint/ast';
import type { ColumnModel, IndexModel, ParsedStatement, SchemaModel, SourceRef, TableModel } from '../lint/types';
import { cloneIndex, cloneTable, own, ownedIndex, ownedTable } from './model';
import { constraintModelOf } from './constraints';
import { guardedBlock } from '../lint/do-blocks';

/** Serial types create a sequence default; they are integers in the catalog. */
const SERIAL_TYPES: Record<string, string> = { serial: 'int4', serial4: 'int4', bigserial: 'int8', serial8: 'int8', smallserial: 'int2', serial2: 'int2' };

/** The statement kinds applyStatement reads; every other statement leaves the model as it was. */
const MODEL_STATEMENTS = new Set(['CreateStmt', 'AlterTableStmt', 'IndexStmt', 'DropStmt', 'RenameStmt', 'CreateExtensionStmt', 'AlterObjectSchemaStmt']);

/** Whether applyStatement may change the model for this statement. */
export function mayChangeSchema(stmt: ParsedStatement): boolean {
  const kind = kindOf(stmt.ast);
  if (kind === 'DoStmt') return guardedBlock(stmt) !== undefined;
  return kind !== undefined && MODEL_STATEMENTS.has(kind);
}

export function applyStatement(model: SchemaModel, stmt: ParsedStatement, file: string, migrationIndex: number): void {
  const ast = stmt.ast;
  if (!ast || !mayChangeSchema(stmt)) return;
  if (as(ast, 'DoStmt')) return applyGuardedBlock(model, stmt, file, migrationIndex);
  const ref = sourceRefs(stmt, file, migrationIndex);
  const create = as(ast, 'CreateStmt');
  if (create) return createTable(model, create, ref);
  const alter = as(ast, 'AlterTableStmt');
  if (alter && (alter.objtype === 'OBJECT_TABLE' || alter.objtype === undefined)) {
    const key = rangeVarKey(alter.relation);
    const table = key ? ownedTable(model, key) : undefined;
    if (!table) return;
    for (const c of alter.cmds ?? []) {
      const cmd = as(c, 'AlterTableCmd');
      if (cmd) alterTable(model, table, cmd, ref);
    }
    return;
  }
  const index = as(ast, 'IndexStmt');
  if (index) return createIndex(model, index, ref);
  const drop = as(ast, 'DropStmt');
  if (drop) return dropObjects(model, drop.removeType, drop.objects ?? []);
  const rename = as(ast, 'RenameStmt');
  if (rename) return renameObject(model, rename.renameType, rename.relation, rename.object, rename.subname, rename.newname);
  const ext = as(ast, 'CreateExtensionStmt');
  if (ext?.extname) model.extensions.add(ext.extname);
  const setSchema = as(ast, 'AlterObjectSchemaStmt');
  if (setSchema?.objectType === 'OBJECT_TABLE' && setSchema.relation && setSchema.newschema) {
    const from = rangeVarKey(setSchema.relation);
    if (from) moveTable(model, from, tableKey(setSchema.newschema, setSchema.relation.relname ?? ''));
  }
}

/**
 * A DO block that adds constraints unless they exist: the ADDs of names the table lacks take
 * effect. Under an exception handler one duplicate rolls back the whole block, so then none does.
 */
function applyGuardedBlock(model: SchemaModel, stmt: ParsedStatement, file: string, migrationIndex: number): void {
  const block = guardedBlock(stmt)!;
  const adds = block.statements.map((inner) => ({ inner, added: guardedConstraintAdds(inner) }));
  // An ALTER that does more than add named constraints: the model cannot tell what runs.
  if (adds.some((a) => a.added.length === 0 || a.added.length !== as(a.inner.ast, 'AlterTableStmt')?.cmds?.length)) return;
  const exists = (a: GuardedAdd): boolean => model.tables.get(a.table)?.constraints.includes(a.name) === true;
  if (block.guard === 'exception' && adds.some((a) => a.added.some(exists))) return;
  for (const { inner, added } of adds) {
    const fresh = added.filter((a) => !exists(a));
    if (fresh.length === added.length) applyStatement(model, inner, file, migrationIndex);
  }
}

export interface GuardedAdd {
  table: string;
  name: string;
  con: Constraint;
}

/** The named constraints an ALTER TABLE of a guarded DO block adds. */
export function guardedConstraintAdds(inner: ParsedStatement): GuardedAdd[] {
  const alter = as(inner.ast, 'AlterTableStmt');
  const table = rangeVarKey(alter?.relation);
  if (!alter || !table) return [];
  const out: GuardedAdd[] = [];
  for (const c of alter.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const con = cmd?.subtype === 'AT_AddConstraint' ? as(cmd.def, 'Constraint') : undefined;
    if (con?.conname) out.push({ table, name: con.conname, con });
  }
  return out;
}

/** Where the objects of one statement are defined, by AST location. */
export function sourceRefs(stmt: ParsedStatement, file: string, migrationIndex: number): (location?: number) => SourceRef {
  return (location) => {
    const start = stmt.fileOffset(location);
    return { file, start, end: location === undefined ? stmt.end : start + 1, migrationIndex };
  };
}

function createTable(model: SchemaModel, create: CreateStmt, ref: (loc?: number) => SourceRef): void {
  const key = rangeVarKey(create.relation);
  if (!key || !create.relation) return;
  if (model.tables.has(key) && create.if_not_exists) return;
  model.tables.set(key, own(model, tableModelOf(create, ref)!));
}

/** The table a CREATE TABLE defines, on its own (if-not-exists-shadowed compares it with the model's). */
export function tableModelOf(create: CreateStmt, ref: (loc?: number) => SourceRef): TableModel | undefined {
  if (!create.relation) return undefined;
  const table: TableModel = {
    schema: create.relation.schemaname ?? 'public',
    name: create.relation.relname ?? '',
    columns: new Map(),
    uniques: [],
    foreignKeys: [],
    constraints: [],
    unnamedChecks: false,
    opaque: Boolean(create.inhRelations?.length || create.ofTypename || create.partbound
      || (create.tableElts ?? []).some((e) => as(e, 'TableLikeClause'))),
    definedAt: ref(create.relation.location),
  };
  const { columns, constraints } = tableElements(create.tableElts);
  for (const col of columns) addColumn(table, col, ref);
  for (const con of constraints) addTableConstraint(table, con, ref);
  return table;
}

function columnModel(col: ColumnDef, cons: Constraint[], ref: (loc?: number) => SourceRef): ColumnModel | undefined {
  const t = typeInfo(col.typeName);
  if (!col.colname || !t) return undefined;
  const serial = SERIAL_TYPES[t.name];
  return {
    name: col.colname,
    type: serial ?? t.name,
    typmods: t.typmods,
    dimensions: t.dimensions,
    isArray: t.isArray,
    notNull: cons.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY') || col.is_not_null === true,
    hasDefault: serial !== undefined || cons.some((c) => c.contype === 'CONSTR_DEFAULT' || c.contype === 'CONSTR_GENERATED') || col.raw_default !== undefined,
    identity: cons.some((c) => c.contype === 'CONSTR_IDENTITY'),
    definedAt: ref(col.location),
  };
}

function addColumn(table: TableModel, col: ColumnDef, ref: (loc?: number) => SourceRef): void {
  const cons = columnConstraints(col);
  const model = columnModel(col, cons, ref);
  if (!model) return;
  table.columns.set(model.name, model);
  for (const c of cons) {
    nameConstraint(table, c, [model.name], ref);
    if (c.contype === 'CONSTR_PRIMARY') table.primaryKey = [model.name];
    else if (c.contype === 'CONSTR_UNIQUE') table.uniques.push([model.name]);
    else if (c.contype === 'CONSTR_FOREIGN' && c.pktable) {
      table.foreignKeys.push({
        name: c.conname, columns: [model.name], refTable: rangeVarKey(c.pktable) ?? '', refColumns: names(c.pk_attrs),
        notValid: c.skip_validation === true, definedAt: ref(c.location),
      });
    }
  }
}

/** Records the constraint's name, or the one PostgreSQL gives an unnamed key. */
function nameConstraint(table: TableModel, con: Constraint, columns: string[], ref: (loc?: number) => SourceRef): void {
  const suffix = con.contype === 'CONSTR_PRIMARY' ? 'pkey' : con.contype === 'CONSTR_UNIQUE' ? 'key' : con.contype === 'CONSTR_FOREIGN' ? 'fkey' : undefined;
  const name = con.conname ?? (suffix === 'pkey' ? `${table.name}_pkey` : suffix ? `${table.name}_${columns.join('_')}_${suffix}` : undefined);
  if (name) {
    table.constraints.push(name);
    // The table is this model's own (cloneTable copies the map), so the map changes in place.
    (table.constraintDefinitions ??= new Map()).set(name, constraintModelOf(con, columns, ref));
  } else if (con.contype === 'CONSTR_CHECK' || con.contype === 'CONSTR_EXCLUSION') table.unnamedChecks = true;
}

function addTableConstraint(table: TableModel, con: Constraint, ref: (loc?: number) => SourceRef): void {
  nameConstraint(table, con, con.contype === 'CONSTR_FOREIGN' ? names(con.fk_attrs) : names(con.keys), ref);
  if (con.contype === 'CONSTR_PRIMARY') {
    table.primaryKey = names(con.keys);
    for (const k of table.primaryKey) {
      const c = table.columns.get(k);
      if (c) c.notNull = true;
    }
  } else if (con.contype === 'CONSTR_UNIQUE') {
    table.uniques.push(names(con.keys));
  } else if (con.contype === 'CONSTR_FOREIGN' && con.pktable) {
    table.foreignKeys.push({
      name: con.conname, columns: names(con.fk_attrs), refTable: rangeVarKey(con.pktable) ?? '', refColumns: names(con.pk_attrs),
      notValid: con.skip_validation === true, definedAt: ref(con.location),
    });
  }
}

function alterTable(model: SchemaModel, table: TableModel, cmd: AlterTableCmd, ref: (loc?: number) => SourceRef): void {
  const column = cmd.name ? table.columns.get(cmd.name) : undefined;
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = as(cmd.def, 'ColumnDef');
      if (def && !(cmd.missing_ok && def.colname && table.columns.has(def.colname))) addColumn(table, def, ref);
      return;
    }
    case 'AT_DropColumn':
      if (!cmd.name) return;
      table.columns.delete(cmd.name);
      // PostgreSQL drops the indexes and constraints that use the column with it.
      for (const [k, i] of model.indexes) if (i.table === tableKey(table.schema, table.name) && i.columns.some((c) => c.column === cmd.name)) model.indexes.delete(k);
      table.foreignKeys = table.foreignKeys.filter((f) => !f.columns.includes(cmd.name!));
      table.uniques = table.uniques.filter((u) => !u.includes(cmd.name!));
      if (table.primaryKey?.includes(cmd.name)) table.primaryKey = undefined;
      return;
    case 'AT_AlterColumnType': {
      const def = as(cmd.def, 'ColumnDef');
      const t = typeInfo(def?.typeName);
      if (column && t) {
        column.type = SERIAL_TYPES[t.name] ?? t.name;
        column.typmods = t.typmods;
        column.dimensions = t.dimensions;
        column.isArray = t.isArray;
        column.definedAt = ref(def?.location);
      }
      return;
    }
    case 'AT_SetNotNull':
      if (column) column.notNull = true;
      return;
    case 'AT_DropNotNull':
      if (column) column.notNull = false;
      return;
    case 'AT_ColumnDefault':
      if (column) column.hasDefault = cmd.def !== undefined;
      return;
    case 'AT_AddIdentity':
      if (column) column.identity = true;
      return;
    case 'AT_DropIdentity':
      if (column) column.identity = false;
      return;
    case 'AT_AddConstraint': {
      const con = as(cmd.def, 'Constraint');
      if (con) addTableConstraint(table, con, ref);
      return;
    }
    case 'AT_ValidateConstraint':
      for (const f of table.foreignKeys) if (f.name === cmd.name) f.notValid = false;
      return;
    case 'AT_DropConstraint':
      table.foreignKeys = table.foreignKeys.filter((f) => f.name !== cmd.name);
      table.constraints = table.constraints.filter((n) => n !== cmd.name);
      if (cmd.name) table.constraintDefinitions?.delete(cmd.name);
      return;
    default:
      return;
  }
}

function createIndex(model: SchemaModel, index: IndexStmt, ref: (loc?: number) => SourceRef): void {
  const built = indexModelOf(index, ref);
  if (!built) return;
  if (model.indexes.has(built.name) && index.if_not_exists) return;
  model.indexes.set(built.name, own(model, built));
}

/** The index a CREATE INDEX defines, on its own (if-not-exists-shadowed compares it with the model's). */
export function indexModelOf(index: IndexStmt, ref: (loc?: number) => SourceRef): IndexModel | undefined {
  const table = rangeVarKey(index.relation);
  if (!table || !index.relation) return undefined;
  const columns = (index.indexParams ?? []).map((p) => {
    const e = as(p, 'IndexElem');
    return {
      column: e?.name,
      expression: e?.expr ? exprText(e.expr) : undefined,
      opclass: e?.opclass ? names(e.opclass).join('.') : undefined,
    };
  });
  return {
    name: (index.idxname ?? defaultIndexName(index.relation, columns.map((c) => c.column ?? 'expr'))).toLowerCase(),
    table,
    method: (index.accessMethod ?? 'btree').toLowerCase(),
    unique: index.unique === true,
    columns,
    options: defElemOptions(index.options),
    partial: index.whereClause !== undefined,
    definedAt: ref(index.relation.location),
  };
}

/** PostgreSQL's name for an unnamed index: `<table>_<col>_<col>_idx` (truncation ignored). */
function defaultIndexName(rel: RangeVar, columns: string[]): string {
  return `${rel.relname}_${columns.join('_')}_idx`;
}

function dropObjects(model: SchemaModel, type: string | undefined, objects: Node[]): void {
  for (const o of objects) {
    const parts = names(as(o, 'List')?.items ?? (as(o, 'String') ? [o] : []));
    if (parts.length === 0) continue;
    const name = parts[parts.length - 1];
    if (type === 'OBJECT_TABLE') {
      const key = tableKey(parts.length > 1 ? parts[parts.length - 2] : undefined, name);
      model.tables.delete(key);
      for (const [k, i] of model.indexes) if (i.table === key) model.indexes.delete(k);
    } else if (type === 'OBJECT_INDEX') {
      model.indexes.delete(name.toLowerCase());
    } else if (type === 'OBJECT_EXTENSION') {
      model.extensions.delete(name);
    }
  }
}

function renameObject(model: SchemaModel, type: string | undefined, relation: RangeVar | undefined, object: Node | undefined, subname: string | undefined, newname: string | undefined): void {
  if (!newname) return;
  if (type === 'OBJECT_TABLE' && relation) {
    const from = rangeVarKey(relation);
    if (from) moveTable(model, from, tableKey(relation.schemaname, newname));
  } else if (type === 'OBJECT_COLUMN' && relation && subname) {
    const key = rangeVarKey(relation);
    const table = key ? ownedTable(model, key) : undefined;
    const col = table?.columns.get(subname);
    if (!table || !col) return;
    table.columns.delete(subname);
    table.columns.set(newname, { ...col, name: newname });
    const swap = (c: string) => (c === subname ? newname : c);
    if (table.primaryKey) table.primaryKey = table.primaryKey.map(swap);
    table.uniques = table.uniques.map((u) => u.map(swap));
    for (const f of table.foreignKeys) f.columns = f.columns.map(swap);
    for (const [k, i] of model.indexes) {
      if (i.table !== key || !i.columns.some((c) => c.column === subname)) continue;
      for (const c of ownedIndex(model, k)!.columns) if (c.column === subname) c.column = newname;
    }
  } else if (type === 'OBJECT_INDEX' && relation?.relname) {
    const idx = model.indexes.get(relation.relname.toLowerCase());
    if (!idx) return;
    model.indexes.delete(relation.relname.toLowerCase());
    model.indexes.set(newname.toLowerCase(), own(model, { ...cloneIndex(idx), name: newname.toLowerCase() }));
  } else if (type === 'OBJECT_TABCONSTRAINT' && relation && subname) {
    const table = ownedTable(model, rangeVarKey(relation) ?? '');
    for (const f of table?.foreignKeys ?? []) if (f.name === subname) f.name = newname;
    if (table) table.constraints = table.constraints.map((n) => (n === subname ? newname : n));
    const definition = table?.constraintDefinitions?.get(subname);
    if (table && definition) {
      table.constraintDefinitions!.delete(subname);
      table.constraintDefinitions!.set(newname, definition);
    }
  }
  void object;
}

function moveTable(model: SchemaModel, from: string, to: string): void {
  const table = model.tables.get(from);
  if (!table) return;
  model.tables.delete(from);
  const [schema, ...rest] = to.split('.');
  model.tables.set(to, own(model, { ...cloneTable(table), schema, name: rest.join('.') }));
  for (const [k, i] of model.indexes) if (i.table === from) ownedIndex(model, k)!.table = to;
  for (const [k, t] of model.tables) {
    if (!t.foreignKeys.some((f) => f.refTable === from)) continue;
    for (const f of ownedTable(model, k)!.foreignKeys) if (f.refTable === from) f.refTable = to;
  }
}
