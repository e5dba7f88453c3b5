// A catalog snapshot as a flat list of named objects, each with a key (what it is), a signature
// (what it looks like) and the names a person would find it by in SQL text. The DOWN round trip
// compares these lists; the spec check uses them to tell which migration last touched an object.
import type {
  CatalogSnapshot, ColumnEntry, ConstraintEntry, ExtensionEntry, FunctionEntry, IndexEntry, PolicyEntry, RelationEntry, TriggerEntry, TypeEntry,
} from './catalog';
import { displayName } from './catalog';

export type ObjectKind =
  | 'extension' | 'schema' | 'table' | 'partitioned table' | 'view' | 'materialized view' | 'foreign table' | 'sequence'
  | 'column' | 'constraint' | 'index' | 'function' | 'procedure' | 'aggregate' | 'window' | 'type' | 'trigger' | 'policy';

/** Where to look for an object in SQL: every name must appear in a statement; `focus` is the one pointed at. */
export interface Mention {
  names: string[];
  focus: number;
  /** Only statements that begin with one of these words (lower case), e.g. 'create table'. */
  leading?: string[];
}

/** Statements that define a table's columns: a column is found there before anywhere else. */
export const TABLE_STATEMENTS = ['create table', 'create unlogged table', 'create temporary table', 'create temp table', 'alter table'];

export interface SchemaObject {
  /** Unique within a snapshot: kind, schema, table and name. */
  key: string;
  kind: ObjectKind;
  schema?: string;
  /** The table a column, constraint, index, trigger or policy belongs to. */
  table?: string;
  name: string;
  /** For people: "index chunks_embedding_idx on chunks", "column documents.title". */
  display: string;
  /** Everything that makes two versions of the object the same, as text. */
  signature: string;
  /** The signature for people, e.g. "vector(1536) NOT NULL". */
  summary: string;
  mentions: Mention[];
}

export function objectKey(kind: string, schema: string | undefined, table: string | undefined, name: string): string {
  return [kind, schema ?? '', table ?? '', name].join('\u0000');
}

export function columnSummary(c: ColumnEntry): string {
  const parts = [c.type];
  if (c.identity) parts.push(`GENERATED ${c.identity.toUpperCase()} AS IDENTITY`);
  else if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.default ?? ''}) STORED`);
  else if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
  if (c.notNull) parts.push('NOT NULL');
  return parts.join(' ');
}

/** "hnsw (embedding vector_cosine_ops) WITH (m=16)" */
export function indexSummary(i: IndexEntry): string {
  const keys = i.keys.map((k) => [k.expression, k.defaultOpclass ? '' : k.opclass, k.descending ? 'DESC' : '', k.nullsFirst !== k.descending ? (k.nullsFirst ? 'NULLS FIRST' : 'NULLS LAST') : '']
    .filter(Boolean).join(' '));
  const opts = Object.entries(i.options).map(([k, v]) => `${k}=${v}`);
  return [
    `${i.unique ? 'UNIQUE ' : ''}${i.method} (${keys.join(', ')})`,
    i.include.length ? `INCLUDE (${i.include.join(', ')})` : '',
    opts.length ? `WITH (${opts.join(', ')})` : '',
    i.predicate ? `WHERE ${i.predicate}` : '',
  ].filter(Boolean).join(' ');
}

/** Bare column names an index key reads ('embedding', but not 'lower(title)'). */
export function keyColumn(expression: string): string | undefined {
  if (/^[a-z_][a-z0-9_$]*$/.test(expression)) return expression;
  const quoted = /^"((?:[^"]|"")+)"$/.exec(expression);
  return quoted ? quoted[1].replace(/""/g, '"') : undefined;
}

export function flattenSnapshot(s: CatalogSnapshot): SchemaObject[] {
  const out: SchemaObject[] = [];
  for (const e of s.extensions) out.push(extensionObject(e));
  for (const name of s.schemas) if (name !== 'public') out.push(schemaObject(name));
  for (const r of s.relations) {
    out.push(relationObject(r));
    if (!hasColumns(r)) continue;
    for (const c of r.columns) out.push(columnObject(r, c));
  }
  for (const c of s.constraints) out.push(constraintObject(c));
  // An index that implements a constraint comes and goes with it.
  for (const i of s.indexes) if (!i.constraint) out.push(indexObject(i));
  for (const f of s.functions) out.push(functionObject(f));
  for (const t of s.types) out.push(typeObject(t));
  for (const t of s.triggers) out.push(tableChildObject('trigger', t));
  for (const p of s.policies) out.push(tableChildObject('policy', p));
  return out;
}

/** Tables have columns of their own; a view's columns follow from its definition. */
export function hasColumns(r: RelationEntry): boolean {
  return r.kind === 'table' || r.kind === 'partitioned table' || r.kind === 'foreign table';
}

function object(o: Omit<SchemaObject, 'key'>): SchemaObject {
  return { ...o, key: objectKey(o.kind, o.schema, o.table, o.name) };
}

export function extensionObject(e: ExtensionEntry): SchemaObject {
  return object({ kind: 'extension', name: e.name, display: `extension ${e.name}`, signature: e.version, summary: `version ${e.version}`, mentions: [{ names: ['extension', e.name], focus: 1 }, { names: [e.name], focus: 0 }] });
}

export function schemaObject(name: string): SchemaObject {
  return object({ kind: 'schema', name, display: `schema ${name}`, signature: '', summary: '', mentions: [{ names: ['schema', name], focus: 1 }, { names: [name], focus: 0 }] });
}

export function relationObject(r: RelationEntry): SchemaObject {
  return object({
    kind: r.kind, schema: r.schema, name: r.name, display: `${r.kind} ${displayName(r.schema, r.name)}`,
    signature: `${r.rls ? 'rls ' : ''}${r.definition ?? ''}`,
    summary: r.definition ? `AS ${r.definition.trim().replace(/\s+/g, ' ')}` : r.rls ? 'row level security enabled' : '',
    mentions: [{ names: [r.name], focus: 0, leading: TABLE_STATEMENTS }, { names: [r.name], focus: 0 }],
  });
}

export function columnObject(r: { schema: string; name: string }, c: ColumnEntry): SchemaObject {
  const summary = columnSummary(c);
  return object({
    kind: 'column', schema: r.schema, table: r.name, name: c.name, display: `column ${displayName(r.schema, r.name)}.${c.name}`,
    signature: summary, summary, mentions: [{ names: [r.name, c.name], focus: 1, leading: TABLE_STATEMENTS }, { names: [r.name, c.name], focus: 1 }],
  });
}

export function constraintObject(c: ConstraintEntry): SchemaObject {
  const names = constraintMentionNames(c);
  return object({
    kind: 'constraint', schema: c.schema, table: c.table, name: c.name,
    display: `${c.type} ${c.name} on ${displayName(c.schema, c.table)}`,
    signature: c.definition, summary: c.definition,
    mentions: [{ names: [c.name], focus: 0 }, { names, focus: names.length - 1, leading: TABLE_STATEMENTS }, { names, focus: names.length - 1 }],
  });
}

export function indexObject(i: IndexEntry): SchemaObject {
  const summary = indexSummary(i);
  const columns = i.keys.map((k) => keyColumn(k.expression)).filter((c): c is string => c !== undefined);
  return object({
    kind: 'index', schema: i.schema, table: i.table, name: i.name, display: `index ${i.name} on ${displayName(i.schema, i.table)}`,
    signature: summary, summary, mentions: [{ names: [i.name], focus: 0 }, { names: ['index', i.table, ...columns], focus: 1 }],
  });
}

export function functionObject(f: FunctionEntry): SchemaObject {
  return object({
    kind: f.kind, schema: f.schema, name: `${f.name}(${f.args})`, display: `${f.kind} ${displayName(f.schema, f.name)}(${f.args})`,
    signature: f.signature, summary: `returns ${f.signature.split(' ')[0] || 'nothing'}`, mentions: [{ names: [f.name], focus: 0 }],
  });
}

export function typeObject(t: TypeEntry): SchemaObject {
  return object({
    kind: 'type', schema: t.schema, name: t.name, display: `${t.kind} type ${displayName(t.schema, t.name)}`,
    signature: `${t.kind} ${t.definition}`, summary: t.definition, mentions: [{ names: [t.name], focus: 0 }],
  });
}

export function tableChildObject(kind: 'trigger' | 'policy', t: TriggerEntry | PolicyEntry): SchemaObject {
  return object({
    kind, schema: t.schema, table: t.table, name: t.name, display: `${kind} ${t.name} on ${displayName(t.schema, t.table)}`,
    signature: t.definition, summary: t.definition, mentions: [{ names: [t.name], focus: 0 }],
  });
}

/** The words a constraint is written with, its keyword last: `chunks ... document_id REFERENCES documents`. */
export function constraintMentionNames(c: ConstraintEntry): string[] {
  switch (c.type) {
    case 'primary key':
      return [c.table, 'primary'];
    case 'foreign key':
      return [c.table, ...c.columns, 'references', c.refTable ?? ''];
    case 'unique':
      return [c.table, ...c.columns, 'unique'];
    case 'check':
      return [c.table, ...c.columns, 'check'];
    case 'exclusion':
      return [c.table, 'exclude'];
  }
}
