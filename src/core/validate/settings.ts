// The config keys validation adds to pgvector-migrator.json: rules the schema does not enforce
// (yet) but the data must follow, and how validation runs. Registered on import, so any program
// that validates reads a config with these keys without "unknown key" errors.
import { ConfigError } from '../errors';
import { expectNumber, expectString, isPlainObject, registerConfigKey, ProjectConfig } from '../config/config';
import { CheckId, isCheckId, CHECK_IDS } from './types';

/** A table as the config names it: "chunks" or "public.chunks" (exact names, no SQL quoting). */
export interface TableRef {
  schema?: string;
  table: string;
}

export interface ColumnSetRef extends TableRef {
  columns: string[];
  /** The config entry as written, for messages. */
  text: string;
}

export interface RelationshipRef {
  from: ColumnSetRef;
  to: ColumnSetRef;
  text: string;
}

export interface ValidateSettings {
  /** `"relationships": [{ "from": "chunks.document_id", "to": "documents.id" }]` */
  relationships: RelationshipRef[];
  /** `"required": ["chunks.embedding"]`: columns that must not hold NULL. */
  required: ColumnSetRef[];
  /** `"unique": ["documents.url", { "table": "chunks", "columns": ["document_id", "ordinal"] }]` */
  unique: ColumnSetRef[];
  /** `"validate": { "skip": [...], "normTolerance": 0.001, "statementTimeout": "5min" }` */
  skip: CheckId[];
  normTolerance: number;
  statementTimeout: string;
}

export const DEFAULT_NORM_TOLERANCE = 1e-3;
export const DEFAULT_VALIDATE_STATEMENT_TIMEOUT = '5min';

/** "public.chunks.document_id" or "chunks.document_id": the last part is the column. */
export function parseColumnRef(text: string, where: string): ColumnSetRef {
  const parts = text.split('.');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new ConfigError(`${where} must name a column as "table.column" or "schema.table.column" (got "${text}")`);
  }
  const column = parts.pop()!;
  return { ...tableRef(parts), columns: [column], text };
}

function tableRef(parts: string[]): TableRef {
  return parts.length === 2 ? { schema: parts[0], table: parts[1] } : { table: parts[0] };
}

function parseTableName(text: string, where: string): TableRef {
  const parts = text.split('.');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new ConfigError(`${where} must be "table" or "schema.table" (got "${text}")`);
  return tableRef(parts);
}

/** A column reference, or `{ "table": "chunks", "columns": ["a", "b"] }` for several columns. */
function parseColumnSet(value: unknown, where: string): ColumnSetRef {
  if (typeof value === 'string') return parseColumnRef(value, where);
  if (!isPlainObject(value)) throw new ConfigError(`${where} must be "table.column" or { "table": "...", "columns": ["..."] }`);
  for (const key of Object.keys(value)) {
    if (key !== 'table' && key !== 'columns') throw new ConfigError(`${where}: unknown key "${key}"`, { fix: 'use "table" and "columns"' });
  }
  const table = parseTableName(expectString(value.table, `${where}.table`), `${where}.table`);
  const columns = value.columns;
  if (!Array.isArray(columns) || columns.length === 0 || columns.some((c) => typeof c !== 'string' || c === '')) {
    throw new ConfigError(`${where}.columns must be a non-empty array of column names`);
  }
  return { ...table, columns: columns as string[], text: `${expectString(value.table, where)}(${columns.join(', ')})` };
}

function expectArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ConfigError(`${where} must be an array`);
  return value;
}

function readRelationships(value: unknown, where: string): RelationshipRef[] {
  return expectArray(value, where).map((entry, i) => {
    const w = `${where}[${i}]`;
    if (!isPlainObject(entry)) throw new ConfigError(`${w} must be { "from": "table.column", "to": "table.column" }`);
    for (const key of Object.keys(entry)) {
      if (key !== 'from' && key !== 'to') throw new ConfigError(`${w}: unknown key "${key}"`, { fix: 'use "from" and "to"' });
    }
    const from = parseColumnSet(entry.from, `${w}.from`);
    const to = parseColumnSet(entry.to, `${w}.to`);
    if (from.columns.length !== to.columns.length) throw new ConfigError(`${w}: "from" and "to" must name as many columns each`);
    return { from, to, text: `${from.text} -> ${to.text}` };
  });
}

function readColumnSets(value: unknown, where: string): ColumnSetRef[] {
  return expectArray(value, where).map((entry, i) => parseColumnSet(entry, `${where}[${i}]`));
}

interface ValidateBlock {
  skip: CheckId[];
  normTolerance: number;
  statementTimeout: string;
}

function readValidateBlock(value: unknown, where: string): ValidateBlock {
  if (!isPlainObject(value)) throw new ConfigError(`${where} must be an object like { "skip": ["vector-index-coverage"] }`);
  const out: ValidateBlock = { skip: [], normTolerance: DEFAULT_NORM_TOLERANCE, statementTimeout: DEFAULT_VALIDATE_STATEMENT_TIMEOUT };
  for (const [key, v] of Object.entries(value)) {
    if (key === 'skip') {
      out.skip = expectArray(v, `${where}.skip`).map((id, i) => {
        if (!isCheckId(id)) throw new ConfigError(`${where}.skip[${i}] must be a check id (got ${JSON.stringify(id)})`, { fix: `use one of: ${CHECK_IDS.join(', ')}` });
        return id;
      });
    } else if (key === 'normTolerance') {
      const n = expectNumber(v, `${where}.normTolerance`);
      if (n <= 0 || n >= 1) throw new ConfigError(`${where}.normTolerance must be between 0 and 1 (got ${n})`);
      out.normTolerance = n;
    } else if (key === 'statementTimeout') {
      const s = typeof v === 'number' ? `${v}ms` : expectString(v, `${where}.statementTimeout`);
      if (!/^\s*\d+(\.\d+)?\s*(us|ms|s|min|h|d)?\s*$/.test(s)) throw new ConfigError(`${where}.statementTimeout must be a duration such as "5min" (got "${s}")`);
      out.statementTimeout = s.trim();
    } else {
      throw new ConfigError(`${where}: unknown key "${key}"`, { fix: 'use "skip", "normTolerance" and "statementTimeout"' });
    }
  }
  return out;
}

registerConfigKey('relationships', (v, w) => { readRelationships(v, w); });
registerConfigKey('required', (v, w) => { readColumnSets(v, w); });
registerConfigKey('unique', (v, w) => { readColumnSets(v, w); });
registerConfigKey('validate', (v, w) => { readValidateBlock(v, w); });

/** The validation settings of a loaded config (already checked when the config was read). */
export function validateSettings(config: ProjectConfig): ValidateSettings {
  const extra = config.extra;
  const block = extra.validate === undefined ? readValidateBlock({}, 'validate') : readValidateBlock(extra.validate, 'validate');
  return {
    relationships: extra.relationships === undefined ? [] : readRelationships(extra.relationships, 'relationships'),
    required: extra.required === undefined ? [] : readColumnSets(extra.required, 'required'),
    unique: extra.unique === undefined ? [] : readColumnSets(extra.unique, 'unique'),
    ...block,
  };
}
