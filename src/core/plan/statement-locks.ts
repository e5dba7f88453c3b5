// What one parsed statement locks, looked up in the lock table: its kind and options pick the
// entries (one per ALTER TABLE action), the statement names the relations. Reads the lint
// engine's parse and schema model; never parses itself.
import type { Constraint, IndexStmt, Node, RangeVar } from '@pgsql/types';
import { as, columnConstraints, names, rangeVarKey, tableElements, tableKey } from '../lint/ast';
import type { ParsedStatement, SchemaModel } from '../lint/types';
import { alterTableLocks } from './alter-table-locks';
import { lockEntry } from './lock-table';
import { modeFromLockStmt, LockMode } from './lock-modes';
import { relationRef, IndexBuildTarget, LockContext, LockTarget, RelationRef, StatementLocks } from './targets';

export { relationRef } from './targets';
export type { IndexBuildTarget, LockContext, LockTarget, RelationRef, StatementLocks } from './targets';

/** 'public.t' or 't' from a name list ([schema,] name). */
function nameListRef(list: Node[] | undefined): RelationRef | undefined {
  const parts = names(as(list?.[0], 'List')?.items ?? list);
  if (parts.length === 0) return undefined;
  const name = parts[parts.length - 1];
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  return { key: tableKey(schema, name), name: schema ? `${schema}.${name}` : name };
}

const target = (id: string, relation?: RelationRef, extra: Partial<LockTarget> = {}): LockTarget => ({ entry: lockEntry(id), relation, ...extra });

type Classifier = (body: never, stmt: ParsedStatement, ctx: LockContext) => LockTarget[];

const CLASSIFIERS: Partial<Record<string, Classifier>> = {
  CreateStmt: (s: { relation?: RangeVar; tableElts?: Node[] }) => {
    const refs = referencedTables(s.tableElts);
    return refs.length === 0 ? [target('create-table', relationRef(s.relation))] : refs.map((r) => target('create-table.references', relationRef(s.relation), { other: r }));
  },
  CreateTableAsStmt: () => [target('create-table-as')],
  IndexStmt: (s: IndexStmt, _stmt, ctx) => [target(s.concurrent ? 'create-index.concurrently' : 'create-index', relationRef(s.relation), { indexBuild: indexBuildOf(s, ctx) })],
  DropStmt: (s: { removeType?: string; objects?: Node[]; concurrent?: boolean }, _stmt, ctx) => {
    const refs = (s.objects ?? []).map((o) => nameListRef([o])).filter((r): r is RelationRef => r !== undefined);
    if (s.removeType === 'OBJECT_INDEX') return refs.map((r) => target(s.concurrent ? 'drop-index.concurrently' : 'drop-index', tableOfIndex(r, ctx) ?? r));
    if (['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE'].includes(s.removeType ?? '')) return refs.map((r) => target('drop-table', r));
    return [target('catalog')];
  },
  ReindexStmt: (s: { kind?: string; relation?: RangeVar; params?: Node[] }, _stmt, ctx) => {
    const concurrently = (s.params ?? []).some((p) => as(p, 'DefElem')?.defname === 'concurrently');
    const named = relationRef(s.relation);
    const table = s.kind === 'REINDEX_OBJECT_INDEX' && named ? tableOfIndex(named, ctx) ?? named : named;
    return [target(concurrently ? 'reindex.concurrently' : 'reindex', table)];
  },
  TruncateStmt: (s: { relations?: Node[] }) => (s.relations ?? []).map((r) => target('truncate', relationRef(as(r, 'RangeVar')))),
  InsertStmt: (s: { relation?: RangeVar }) => [target('insert', relationRef(s.relation))],
  MergeStmt: (s: { relation?: RangeVar }) => [target('insert', relationRef(s.relation))],
  CopyStmt: (s: { relation?: RangeVar; is_from?: boolean }) => [target(s.is_from ? 'insert' : 'select', relationRef(s.relation))],
  UpdateStmt: (s: { relation?: RangeVar }) => [target('update', relationRef(s.relation))],
  DeleteStmt: (s: { relation?: RangeVar }) => [target('update', relationRef(s.relation))],
  SelectStmt: (s: { fromClause?: Node[] }) => {
    const tables = (s.fromClause ?? []).map((f) => relationRef(as(f, 'RangeVar'))).filter((r): r is RelationRef => r !== undefined);
    return tables.length === 0 ? [target('catalog')] : tables.map((r) => target('select', r));
  },
  LockStmt: (s: { relations?: Node[]; mode?: number }) => (s.relations ?? []).map((r) => target('lock-table', relationRef(as(r, 'RangeVar')), { mode: modeFromLockStmt(s.mode) })),
  VacuumStmt: (s: { options?: Node[]; rels?: Node[]; is_vacuumcmd?: boolean }) => {
    const full = (s.options ?? []).some((o) => as(o, 'DefElem')?.defname === 'full');
    const id = !s.is_vacuumcmd ? 'analyze' : full ? 'vacuum.full' : 'vacuum';
    const rels = (s.rels ?? []).map((r) => relationRef(as(r, 'VacuumRelation')?.relation));
    return rels.length === 0 ? [target(id)] : rels.map((r) => target(id, r));
  },
  ClusterStmt: (s: { relation?: RangeVar }) => [target('cluster', relationRef(s.relation))],
  RefreshMatViewStmt: (s: { relation?: RangeVar; concurrent?: boolean }) => [target(s.concurrent ? 'refresh-materialized-view.concurrently' : 'refresh-materialized-view', relationRef(s.relation))],
  CreateTrigStmt: (s: { relation?: RangeVar }) => [target('create-trigger', relationRef(s.relation))],
  CreatePolicyStmt: (s: { table?: RangeVar }) => [target('create-policy', relationRef(s.table))],
  RenameStmt: (s: { renameType?: string; relation?: RangeVar }) => {
    if (!s.relation) return [target('catalog')];
    return [target(s.renameType === 'OBJECT_INDEX' ? 'rename-index' : 'rename', relationRef(s.relation))];
  },
  AlterObjectSchemaStmt: (s: { relation?: RangeVar }) => [s.relation ? target('set-schema', relationRef(s.relation)) : target('catalog')],
  AlterDomainStmt: (s: { subtype?: string; typeName?: Node[]; def?: Node }, _stmt, ctx) => {
    const con = as(s.def, 'Constraint');
    if (s.subtype !== 'C' || !con) return [target('catalog')];
    if (con.skip_validation) return [target('alter-domain.add-constraint.not-valid')];
    const domain = (names(s.typeName).pop() ?? '').toLowerCase();
    const users = tablesUsingType(ctx.schema, domain);
    return users.length === 0 ? [target('alter-domain.add-constraint')] : users.map((u) => target('alter-domain.add-constraint', undefined, { other: u }));
  },
  AlterTableStmt: (_s, stmt, ctx) => alterTableLocks(stmt, ctx),
};

/** The statement's lock targets, one per relation and action. */
export function statementLocks(stmt: ParsedStatement, ctx: LockContext): StatementLocks {
  if (stmt.kind === 'meta') return { targets: [], unknown: 'a psql meta-command, which no driver runs' };
  if (stmt.syntaxError || !stmt.ast) return { targets: [], unknown: 'the statement does not parse' };
  const [kind, body] = Object.entries(stmt.ast)[0] as [string, never];
  const classify = CLASSIFIERS[kind];
  if (classify) return { targets: classify(body, stmt, ctx) };
  if (kind === 'DoStmt') return { targets: [], unknown: 'a DO block: what it locks depends on the code it runs' };
  return { targets: [target('catalog')] };
}

/** The mode a target takes on its own relation. */
export function targetMode(t: LockTarget): LockMode | null {
  return t.mode ?? t.entry.mode;
}

/** Tables a CREATE TABLE's foreign keys reference. */
function referencedTables(elts: Node[] | undefined): RelationRef[] {
  const { columns, constraints } = tableElements(elts);
  const all: Constraint[] = [...constraints, ...columns.flatMap(columnConstraints)];
  return all.filter((c) => c.contype === 'CONSTR_FOREIGN').map((c) => relationRef(c.pktable)).filter((r): r is RelationRef => r !== undefined);
}

/** An index's table, from the schema model: DROP INDEX and REINDEX INDEX lock the table too. */
function tableOfIndex(index: RelationRef, ctx: LockContext): RelationRef | undefined {
  const model = ctx.schema.indexes.get(index.name.split('.').pop()!.toLowerCase());
  if (!model) return undefined;
  return { key: model.table, name: model.table.startsWith('public.') ? model.table.slice(7) : model.table };
}

function tablesUsingType(schema: SchemaModel, typeName: string): RelationRef[] {
  const out: RelationRef[] = [];
  for (const [key, t] of schema.tables) {
    if ([...t.columns.values()].some((c) => c.type === typeName)) out.push({ key, name: key.startsWith('public.') ? key.slice(7) : key });
  }
  return out;
}

export function indexBuildOf(s: IndexStmt, ctx: LockContext): IndexBuildTarget {
  const method = (s.accessMethod ?? 'btree').toLowerCase();
  const options: Record<string, string | number> = {};
  for (const o of s.options ?? []) {
    const d = as(o, 'DefElem');
    const value = as(d?.arg, 'Integer')?.ival ?? as(d?.arg, 'String')?.sval;
    if (d?.defname && value !== undefined) options[d.defname.toLowerCase()] = /^\d+$/.test(String(value)) ? Number(value) : value;
  }
  const table = ctx.schema.tables.get(rangeVarKey(s.relation) ?? '');
  const first = as(s.indexParams?.[0], 'IndexElem');
  const cast = as(first?.expr, 'TypeCast');
  const column = first?.name ?? names(as(first?.expr, 'ColumnRef')?.fields).pop() ?? names(as(cast?.arg, 'ColumnRef')?.fields).pop();
  const castDims = cast ? (cast.typeName?.typmods ?? []).map((m) => as(m, 'A_Const')?.ival?.ival).find((n) => n !== undefined) : undefined;
  const col = column ? table?.columns.get(column) : undefined;
  const dimensions = castDims ?? col?.dimensions;
  return { method, options, ...(column ? { column } : {}), ...(dimensions !== undefined ? { dimensions } : {}) };
}
