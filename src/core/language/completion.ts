// Completion at a file offset, from the schema as the history stands at that offset: table,
// column, index and constraint names with where each was defined, types with the project's
// embedding dimensions first, pgvector operator classes for the column's type and the project's
// distance, index methods and their WITH parameters with pgvector's limits.
import { DISTANCES } from '../config/embedding';
import type { ColumnModel, SchemaModel } from '../lint/types';
import { EF_CONSTRUCTION, M } from '../lint/rules/hnsw-parameters';
import { LISTS } from '../lint/rules/ivfflat-lists';
import { opclassFor, vectorFamily, vectorIndexMethod } from '../lint/vector-types';
import { displayTable } from '../lint/schema-lookup';
import { cursorContext, CursorContext, tokensBefore } from './cursor-context';
import type { ProjectModel } from './project-model';

export type CompletionKind = 'table' | 'column' | 'index' | 'constraint' | 'type' | 'opclass' | 'method' | 'parameter';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** `chunks.embedding vector(1536) — 0003_create_chunks.sql:12`. */
  detail: string;
  /** What to insert, when it differs from the label. */
  insertText?: string;
  /** Orders the list: the project's own choices first. */
  sortText: string;
}

export function completionsAt(model: ProjectModel, file: string, offset: number): CompletionEntry[] {
  const place = model.placeAt(file, offset);
  if (!place) return [];
  const before = tokensBefore(place.statement, offset);
  const context = cursorContext(place.statement?.tokens ?? [], before);
  return entriesFor(model, model.schemaAt(place, offset), context);
}

function entriesFor(model: ProjectModel, schema: SchemaModel, context: CursorContext): CompletionEntry[] {
  switch (context.kind) {
    case 'tables':
      return [...schema.tables.entries()].map(([key, t], i) => ({
        label: displayTable(key), kind: 'table', sortText: pad(i),
        detail: `table ${key} (${t.columns.size} columns) — ${model.where(t.definedAt)}`,
      }));
    case 'columns':
      return context.tables.flatMap((key) => {
        const table = schema.tables.get(key);
        return [...(table?.columns.values() ?? [])].map((c, i): CompletionEntry => ({
          label: c.name, kind: 'column', sortText: pad(i),
          detail: `${displayTable(key)}.${c.name} ${columnType(c)} — ${model.where(c.definedAt)}`,
        }));
      });
    case 'indexes':
      return [...schema.indexes.values()].map((ix, i) => ({
        label: ix.name, kind: 'index', sortText: pad(i),
        detail: `index on ${displayTable(ix.table)} using ${ix.method} (${ix.columns.map((c) => c.column ?? c.expression).join(', ')}) — ${model.where(ix.definedAt)}`,
      }));
    case 'constraints': {
      const table = schema.tables.get(context.table);
      return (table?.foreignKeys ?? []).filter((f) => f.name).map((f, i) => ({
        label: f.name!, kind: 'constraint', sortText: pad(i),
        detail: `foreign key (${f.columns.join(', ')}) references ${displayTable(f.refTable)} — ${model.where(f.definedAt)}`,
      }));
    }
    case 'types':
      return typeEntries(model);
    case 'index-methods':
      return INDEX_METHODS.map(([label, detail], i) => ({ label, kind: 'method', detail, sortText: pad(i) }));
    case 'index-parameters':
      return (INDEX_PARAMETERS[context.method] ?? []).map(([label, detail], i) => ({ label, kind: 'parameter', detail, insertText: `${label} = `, sortText: pad(i) }));
    case 'opclasses':
      return opclassEntries(model, schema, context);
    default:
      return [];
  }
}

/** vector(N) and halfvec(N) at the project's dimensions first, then the usual column types. */
function typeEntries(model: ProjectModel): CompletionEntry[] {
  const dims = model.config.embedding.dimensions;
  const out: CompletionEntry[] = [];
  if (dims !== undefined) {
    out.push({ label: `vector(${dims})`, kind: 'type', detail: `the project's embedding (${dims} dimensions)`, sortText: '0000' });
    out.push({ label: `halfvec(${dims})`, kind: 'type', detail: `the project's embedding at half precision (${dims} dimensions)`, sortText: '0001' });
  }
  COMMON_TYPES.forEach(([label, detail], i) => out.push({ label, kind: 'type', detail, sortText: pad(10 + i) }));
  return out;
}

/** The classes pgvector has for the column's type under the method, the project's distance first. */
function opclassEntries(model: ProjectModel, schema: SchemaModel, context: Extract<CursorContext, { kind: 'opclasses' }>): CompletionEntry[] {
  const column = schema.tables.get(context.table)?.columns.get(context.column);
  const family = vectorFamily(column?.type);
  const method = vectorIndexMethod(context.method);
  if (!family || !method) return [];
  const preferred = model.config.embedding.distance;
  const distances = [preferred, ...DISTANCES.filter((d) => d !== preferred)];
  const out: CompletionEntry[] = [];
  for (const distance of distances) {
    const opclass = opclassFor(family, distance, method);
    if (!opclass) continue;
    const mine = distance === preferred ? ' (the project\'s distance)' : '';
    out.push({ label: opclass, kind: 'opclass', detail: `${method} on ${family}: ${distance} distance${mine}`, sortText: pad(out.length) });
  }
  return out;
}

const INDEX_METHODS: [string, string][] = [
  ['hnsw', 'pgvector: graph index, best recall/speed; vector up to 2,000 dimensions, halfvec 4,000'],
  ['ivfflat', 'pgvector: list index, build after the data is loaded; vector up to 2,000 dimensions'],
  ['btree', 'PostgreSQL default: equality and ranges'],
  ['gin', 'PostgreSQL: jsonb, arrays, full-text'],
  ['gist', 'PostgreSQL: geometric and range types'],
  ['brin', 'PostgreSQL: large, naturally ordered tables'],
  ['hash', 'PostgreSQL: equality only'],
  ['spgist', 'PostgreSQL: space-partitioned data'],
];

const INDEX_PARAMETERS: Record<string, [string, string][]> = {
  hnsw: [
    ['m', `connections per node: ${M.min}..${M.max}, default ${M.default}`],
    ['ef_construction', `candidate list while building: ${EF_CONSTRUCTION.min}..${EF_CONSTRUCTION.max}, at least 2 * m, default ${EF_CONSTRUCTION.default}`],
  ],
  ivfflat: [['lists', `number of lists: ${LISTS.min}..${LISTS.max}, default ${LISTS.default}; rows / 1000 up to 1M rows, sqrt(rows) above`]],
  btree: [['fillfactor', 'percent of each page filled: 10..100, default 90'], ['deduplicate_items', 'on/off, default on']],
  gin: [['fastupdate', 'on/off, default on'], ['gin_pending_list_limit', 'kB, default gin_pending_list_limit']],
  brin: [['pages_per_range', 'pages per summary, default 128'], ['autosummarize', 'on/off, default off']],
};

const COMMON_TYPES: [string, string][] = [
  ['bigint', '8-byte integer'],
  ['text', 'variable-length text'],
  ['timestamptz', 'timestamp with time zone'],
  ['jsonb', 'binary JSON'],
  ['boolean', 'true/false'],
  ['uuid', 'UUID'],
  ['integer', '4-byte integer'],
  ['vector', 'pgvector: dense vector (give the dimensions: vector(N))'],
  ['halfvec', 'pgvector: half-precision vector, up to 4,000 dimensions indexed'],
  ['sparsevec', 'pgvector: sparse vector'],
  ['bit', 'bit string (binary quantization)'],
  ['numeric', 'exact decimal'],
  ['double precision', '8-byte float'],
  ['real', '4-byte float'],
  ['date', 'calendar date'],
  ['bytea', 'binary data'],
];

export function columnType(c: ColumnModel): string {
  const mods = c.dimensions !== undefined ? `(${c.dimensions})` : c.typmods.length > 0 ? `(${c.typmods.join(',')})` : '';
  return `${c.type}${mods}${c.isArray ? '[]' : ''}`;
}


function pad(i: number): string {
  return String(i).padStart(4, '0');
}
