// What an UP section creates and what a DOWN section drops, as comparable keys, plus the SQL that
// drops each created object. Shared by missing-down (the skeleton it writes) and down-incomplete
// (what the DOWN forgets).
import type { FunctionParameter, Node, RangeVar } from '@pgsql/types';
import { as, findAll, names, nameRangeAtLocation, rangeAtLocation, Range, rangeVarKey, tableKey, typeInfo, typeText } from './ast';
import { memoByStatement, memoByText } from './statement-memo';
import type { ParsedSection, ParsedStatement } from './types';

export type ObjectKind =
  | 'table' | 'index' | 'column' | 'extension' | 'type' | 'domain' | 'function' | 'procedure'
  | 'view' | 'materialized view' | 'sequence' | 'schema' | 'trigger' | 'policy' | 'constraint';

export interface CreatedObject {
  kind: ObjectKind;
  /** Comparable identity: `table:public.chunks`, `column:public.chunks.embedding`, `index:chunks_idx`. */
  key: string;
  /** As a person writes it: `chunks`, `app.chunks`, `chunks.embedding`. */
  display: string;
  /** The table key an object belongs to (index, column, trigger, policy, constraint): dropping the table drops it. */
  table?: string;
  /** Columns of `table` it is built on (index, constraint): dropping one of them drops it. */
  columns?: string[];
  /** The schema it lives in, for DROP SCHEMA ... CASCADE. */
  schema?: string;
  /** IF NOT EXISTS / OR REPLACE: the object may have existed before this migration. */
  mayPreexist: boolean;
  stmt: ParsedStatement;
  /** The object's name in the statement. */
  range: Range;
  dropSql: string;
}

const createdBySection = new WeakMap<ParsedSection, readonly CreatedObject[]>();

/** Objects that exist after the section ran: created there and not dropped again later in it. */
export function createdObjects(section: ParsedSection): readonly CreatedObject[] {
  let created = createdBySection.get(section);
  if (!created) {
    created = findCreatedObjects(section);
    createdBySection.set(section, created);
  }
  return created;
}

function findCreatedObjects(section: ParsedSection): CreatedObject[] {
  let created: CreatedObject[] = [];
  for (const stmt of section.statements) {
    if (!stmt.ast) continue;
    const dropped = memoByText('undo.droppedBy', stmt, droppedBy);
    if (dropped.keys.size || dropped.tables.size || dropped.schemas.size) created = created.filter((o) => !isCoveredBy(o, dropped));
    created.push(...memoByStatement('undo.createdBy', stmt, createdBy));
  }
  return created;
}

export interface Dropped {
  keys: Set<string>;
  /** Table keys dropped: their indexes, columns, triggers, policies and constraints go too. */
  tables: Set<string>;
  /** Schemas dropped with CASCADE. */
  schemas: Set<string>;
}

export function droppedIn(section: ParsedSection): Dropped {
  const all: Dropped = { keys: new Set(), tables: new Set(), schemas: new Set() };
  for (const stmt of section.statements) {
    const d = memoByText('undo.droppedBy', stmt, droppedBy);
    d.keys.forEach((k) => all.keys.add(k));
    d.tables.forEach((k) => all.tables.add(k));
    d.schemas.forEach((k) => all.schemas.add(k));
  }
  return all;
}

export function isCoveredBy(o: CreatedObject, dropped: Dropped): boolean {
  if (dropped.keys.has(o.key)) return true;
  if (o.table && dropped.tables.has(o.table)) return true;
  if (o.table && o.columns?.some((c) => dropped.keys.has(`column:${o.table}.${c}`))) return true;
  if (o.kind === 'table' && dropped.tables.has(o.key.slice('table:'.length))) return true;
  return o.schema !== undefined && dropped.schemas.has(o.schema);
}

/** The objects whose own drop is needed: an index on a table dropped anyway needs none. */
export function withoutDependents(objects: CreatedObject[]): CreatedObject[] {
  const tables = new Set(objects.filter((o) => o.kind === 'table').map((o) => o.key.slice('table:'.length)));
  return objects.filter((o) => !(o.table && tables.has(o.table)));
}

function createdBy(stmt: ParsedStatement): CreatedObject[] {
  const ast = stmt.ast;
  const out: CreatedObject[] = [];
  const add = (o: Omit<CreatedObject, 'stmt'>) => out.push({ ...o, stmt });
  const create = as(ast, 'CreateStmt');
  if (create?.relation) {
    const key = rangeVarKey(create.relation)!;
    add({ kind: 'table', key: `table:${key}`, display: displayName(create.relation), schema: schemaOf(create.relation), mayPreexist: !!create.if_not_exists, range: nameRangeAtLocation(stmt, create.relation.location), dropSql: `DROP TABLE IF EXISTS ${displayName(create.relation)};` });
  }
  const ctas = as(ast, 'CreateTableAsStmt');
  const into = ctas?.into?.rel;
  if (ctas && into) {
    const isView = ctas.objtype === 'OBJECT_MATVIEW';
    const kind: ObjectKind = isView ? 'materialized view' : 'table';
    add({ kind, key: `${isView ? 'matview' : 'table'}:${rangeVarKey(into)}`, display: displayName(into), schema: schemaOf(into), mayPreexist: !!ctas.if_not_exists, range: nameRangeAtLocation(stmt, into.location), dropSql: `DROP ${isView ? 'MATERIALIZED VIEW' : 'TABLE'} IF EXISTS ${displayName(into)};` });
  }
  const index = as(ast, 'IndexStmt');
  if (index?.relation) {
    const table = rangeVarKey(index.relation)!;
    const name = index.idxname ?? `${index.relation.relname}_${(index.indexParams ?? []).map((p) => as(p, 'IndexElem')?.name ?? 'expr').join('_')}_idx`;
    const qualified = index.relation.schemaname ? `${quoteIdent(index.relation.schemaname)}.${quoteIdent(name)}` : quoteIdent(name);
    const range = index.idxname ? nameAfter(stmt, index.idxname) : nameRangeAtLocation(stmt, index.relation.location);
    const columns = (index.indexParams ?? []).flatMap((p) => {
      const e = as(p, 'IndexElem');
      return e?.name ? [e.name] : columnRefs(e?.expr);
    });
    add({ kind: 'index', key: `index:${name.toLowerCase()}`, display: name, table, columns, schema: schemaOf(index.relation), mayPreexist: !!index.if_not_exists, range, dropSql: `DROP INDEX ${index.concurrent ? 'CONCURRENTLY ' : ''}IF EXISTS ${qualified};` });
  }
  const alter = as(ast, 'AlterTableStmt');
  if (alter?.relation && (alter.objtype ?? 'OBJECT_TABLE') === 'OBJECT_TABLE') {
    const table = rangeVarKey(alter.relation)!;
    const tableName = displayName(alter.relation);
    for (const c of alter.cmds ?? []) {
      const cmd = as(c, 'AlterTableCmd');
      const col = cmd?.subtype === 'AT_AddColumn' ? as(cmd.def, 'ColumnDef') : undefined;
      if (col?.colname) {
        add({ kind: 'column', key: `column:${table}.${col.colname}`, display: `${tableName}.${col.colname}`, table, schema: schemaOf(alter.relation), mayPreexist: !!cmd?.missing_ok, range: rangeAtLocation(stmt, col.location), dropSql: `ALTER TABLE ${tableName} DROP COLUMN IF EXISTS ${quoteIdent(col.colname)};` });
      }
      const con = cmd?.subtype === 'AT_AddConstraint' ? as(cmd.def, 'Constraint') : undefined;
      if (con?.conname) {
        const columns = [...names(con.keys), ...names(con.fk_attrs), ...columnRefs(con.raw_expr)];
        add({ kind: 'constraint', key: `constraint:${table}.${con.conname}`, display: con.conname, table, columns, schema: schemaOf(alter.relation), mayPreexist: false, range: nameAfter(stmt, con.conname, stmt.fileOffset(con.location)), dropSql: `ALTER TABLE ${tableName} DROP CONSTRAINT IF EXISTS ${quoteIdent(con.conname)};` });
      }
    }
  }
  const ext = as(ast, 'CreateExtensionStmt');
  if (ext?.extname) {
    add({ kind: 'extension', key: `extension:${ext.extname}`, display: ext.extname, mayPreexist: !!ext.if_not_exists, range: nameAfter(stmt, ext.extname), dropSql: `DROP EXTENSION IF EXISTS ${quoteIdent(ext.extname)};` });
  }
  const typeNames: Node[] | undefined = as(ast, 'CreateEnumStmt')?.typeName ?? as(ast, 'CreateRangeStmt')?.typeName
    ?? (as(ast, 'DefineStmt')?.kind === 'OBJECT_TYPE' ? as(ast, 'DefineStmt')?.defnames : undefined);
  const composite = as(ast, 'CompositeTypeStmt')?.typevar;
  if (typeNames || composite) {
    const parts = typeNames ? names(typeNames) : [composite?.schemaname, composite?.relname].filter((p): p is string => !!p);
    add(namedObject(stmt, 'type', parts, 'DROP TYPE IF EXISTS'));
  }
  const domain = as(ast, 'CreateDomainStmt');
  if (domain) add(namedObject(stmt, 'domain', names(domain.domainname), 'DROP DOMAIN IF EXISTS'));
  const fn = as(ast, 'CreateFunctionStmt');
  if (fn) {
    const parts = names(fn.funcname);
    const kind: ObjectKind = fn.is_procedure ? 'procedure' : 'function';
    const o = namedObject(stmt, kind, parts, `DROP ${kind.toUpperCase()} IF EXISTS`);
    add({ ...o, mayPreexist: !!fn.replace, dropSql: `DROP ${kind.toUpperCase()} IF EXISTS ${o.display}(${signature(fn.parameters)});` });
  }
  const view = as(ast, 'ViewStmt');
  if (view?.view) {
    add({ kind: 'view', key: `view:${rangeVarKey(view.view)}`, display: displayName(view.view), schema: schemaOf(view.view), mayPreexist: !!view.replace, range: nameRangeAtLocation(stmt, view.view.location), dropSql: `DROP VIEW IF EXISTS ${displayName(view.view)};` });
  }
  const seq = as(ast, 'CreateSeqStmt');
  if (seq?.sequence) {
    add({ kind: 'sequence', key: `sequence:${rangeVarKey(seq.sequence)}`, display: displayName(seq.sequence), schema: schemaOf(seq.sequence), mayPreexist: !!seq.if_not_exists, range: nameRangeAtLocation(stmt, seq.sequence.location), dropSql: `DROP SEQUENCE IF EXISTS ${displayName(seq.sequence)};` });
  }
  const schema = as(ast, 'CreateSchemaStmt');
  if (schema?.schemaname) {
    add({ kind: 'schema', key: `schema:${schema.schemaname}`, display: schema.schemaname, mayPreexist: !!schema.if_not_exists, range: nameAfter(stmt, schema.schemaname), dropSql: `DROP SCHEMA IF EXISTS ${quoteIdent(schema.schemaname)};` });
  }
  const trig = as(ast, 'CreateTrigStmt');
  if (trig?.trigname && trig.relation) {
    const table = rangeVarKey(trig.relation)!;
    add({ kind: 'trigger', key: `trigger:${table}.${trig.trigname}`, display: trig.trigname, table, schema: schemaOf(trig.relation), mayPreexist: !!trig.replace, range: nameAfter(stmt, trig.trigname), dropSql: `DROP TRIGGER IF EXISTS ${quoteIdent(trig.trigname)} ON ${displayName(trig.relation)};` });
  }
  const policy = as(ast, 'CreatePolicyStmt');
  if (policy?.policy_name && policy.table) {
    const table = rangeVarKey(policy.table)!;
    add({ kind: 'policy', key: `policy:${table}.${policy.policy_name}`, display: policy.policy_name, table, schema: schemaOf(policy.table), mayPreexist: false, range: nameAfter(stmt, policy.policy_name), dropSql: `DROP POLICY IF EXISTS ${quoteIdent(policy.policy_name)} ON ${displayName(policy.table)};` });
  }
  return out;
}

function namedObject(stmt: ParsedStatement, kind: ObjectKind, parts: string[], drop: string): Omit<CreatedObject, 'stmt'> {
  const name = parts[parts.length - 1] ?? '';
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  const display = parts.map(quoteIdent).join('.');
  return { kind, key: `${kind}:${tableKey(schema, name)}`, display, schema: schema ?? 'public', mayPreexist: false, range: nameAfter(stmt, name), dropSql: `${drop} ${display};` };
}

const DROP_KINDS: Record<string, string> = {
  OBJECT_TABLE: 'table', OBJECT_INDEX: 'index', OBJECT_EXTENSION: 'extension', OBJECT_TYPE: 'type', OBJECT_DOMAIN: 'domain',
  OBJECT_FUNCTION: 'function', OBJECT_PROCEDURE: 'procedure', OBJECT_ROUTINE: 'function', OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'matview', OBJECT_SEQUENCE: 'sequence', OBJECT_SCHEMA: 'schema', OBJECT_TRIGGER: 'trigger', OBJECT_POLICY: 'policy',
};

export function droppedBy(stmt: ParsedStatement): Dropped {
  const out: Dropped = { keys: new Set(), tables: new Set(), schemas: new Set() };
  const drop = as(stmt.ast, 'DropStmt');
  if (drop) {
    const kind = DROP_KINDS[drop.removeType ?? ''];
    if (!kind) return out;
    for (const o of drop.objects ?? []) {
      const parts = objectNameParts(o);
      if (parts.length === 0) continue;
      const name = parts[parts.length - 1];
      if (kind === 'index') out.keys.add(`index:${name.toLowerCase()}`);
      else if (kind === 'extension') out.keys.add(`extension:${name}`);
      else if (kind === 'schema') {
        out.keys.add(`schema:${name}`);
        if (drop.behavior === 'DROP_CASCADE') out.schemas.add(name);
      } else if (kind === 'trigger' || kind === 'policy') {
        const table = tableKey(parts.length > 2 ? parts[parts.length - 3] : undefined, parts[parts.length - 2] ?? '');
        out.keys.add(`${kind}:${table}.${name}`);
      } else {
        const key = tableKey(parts.length > 1 ? parts[parts.length - 2] : undefined, name);
        out.keys.add(`${kind}:${key}`);
        if (kind === 'function') out.keys.add(`procedure:${key}`);
        if (kind === 'table') out.tables.add(key);
      }
    }
    return out;
  }
  const alter = as(stmt.ast, 'AlterTableStmt');
  if (alter?.relation) {
    const table = rangeVarKey(alter.relation)!;
    for (const c of alter.cmds ?? []) {
      const cmd = as(c, 'AlterTableCmd');
      if (cmd?.subtype === 'AT_DropColumn' && cmd.name) out.keys.add(`column:${table}.${cmd.name}`);
      if (cmd?.subtype === 'AT_DropConstraint' && cmd.name) out.keys.add(`constraint:${table}.${cmd.name}`);
    }
  }
  return out;
}

/** Column names an expression refers to (the last part of each column reference). */
function columnRefs(expr: Node | undefined): string[] {
  if (!expr) return [];
  return findAll(expr, 'ColumnRef').map((c) => names(c.fields).pop() ?? '').filter((n) => n !== '');
}

function objectNameParts(o: Node): string[] {
  const list = as(o, 'List');
  if (list) return names(list.items);
  const str = as(o, 'String');
  if (str?.sval) return [str.sval];
  const tn = as(o, 'TypeName');
  if (tn) return names(tn.names);
  const fn = as(o, 'ObjectWithArgs');
  if (fn) return names(fn.objname);
  return [];
}

function signature(params: Node[] | undefined): string {
  return (params ?? [])
    .map((p) => as(p, 'FunctionParameter'))
    .filter((p): p is FunctionParameter => !!p && p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
    .map((p) => {
      const t = typeInfo(p.argType);
      if (!t) return '?';
      const base = t.schema && t.schema !== 'pg_catalog' ? `${t.schema}.${t.name}` : t.name;
      return typeText({ ...t, name: base, typmods: [] });
    })
    .join(', ');
}

function displayName(rv: RangeVar): string {
  return rv.schemaname ? `${quoteIdent(rv.schemaname)}.${quoteIdent(rv.relname ?? '')}` : quoteIdent(rv.relname ?? '');
}

function schemaOf(rv: RangeVar): string {
  return rv.schemaname ?? 'public';
}

/** An identifier as SQL: bare when it can be, "quoted" otherwise. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** The token that spells `name` in the statement (from `from` on), or the statement's start. */
function nameAfter(stmt: ParsedStatement, name: string, from = stmt.start): Range {
  const lower = name.toLowerCase();
  const t = stmt.tokens.find((tok) => tok.start >= from && (tok.text === name || tok.text.toLowerCase() === lower || tok.text === `"${name.replace(/"/g, '""')}"`));
  return t ? { start: t.start, end: t.end } : rangeAtLocation(stmt, undefined);
}
