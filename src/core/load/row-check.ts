// Every row is checked against the target table before it is sent, and turned into one line of
// COPY's text format. A row that fails gets the reason a person can act on
// ("embedding has 768 dimensions, the column is vector(1536)"), never the server's COPY error.
import { ConfigError } from '../errors';
import type { InputFormat } from './types';
import type { InputRecord } from './records';
import type { TargetColumn, TargetTable } from './target';
import { bitLength, scanDense, scanSparse } from './vector-text';

export interface ColumnMapping {
  /** The loaded columns, in the order of the COPY column list. */
  columns: TargetColumn[];
  /** CSV/TSV: how many fields a record has. */
  fieldCount: number;
}

export interface RowCheckOptions {
  /** The project's distance is cosine: no zero vectors anywhere (besides cosine-indexed columns). */
  cosine: boolean;
}

export type Checked = { row: string } | { reason: string };

/**
 * Maps the file's columns onto the table: the header's names (or --columns) must be columns of
 * the table, writable by COPY, and every NOT NULL column without a default must be among them.
 */
export function mapColumns(table: TargetTable, names: string[], where: string): ColumnMapping {
  const columns: TargetColumn[] = [];
  for (const name of names) {
    const column = table.columns.find((c) => c.name === name) ?? table.columns.find((c) => c.name === name.trim());
    if (!column) {
      throw new ConfigError(`${where} names column "${name}", which ${table.display} does not have`, {
        fix: `use the table's column names (${table.columns.map((c) => c.name).join(', ')}), or map the file's columns with --columns`,
      });
    }
    if (columns.includes(column)) throw new ConfigError(`${where} names column "${name}" twice`);
    if (column.generatedAlways) throw new ConfigError(`${table.display}.${column.name} is GENERATED ALWAYS: COPY cannot write it`, { fix: 'leave the column out of the file, or out of --columns' });
    columns.push(column);
  }
  const missing = table.columns.filter((c) => c.notNull && !c.hasDefault && !columns.includes(c));
  if (missing.length > 0) {
    throw new ConfigError(`${table.display}.${missing[0].name} is NOT NULL without a default, and ${where} has no "${missing[0].name}" column`, {
      fix: `add the column to the file, or give it a default; the loaded columns are ${columns.map((c) => c.name).join(', ')}`,
    });
  }
  return { columns, fieldCount: names.length };
}

/** The checker of one input format against a mapping. */
export function rowChecker(format: InputFormat, mapping: ColumnMapping, options: RowCheckOptions): (record: InputRecord) => Checked {
  const converters = mapping.columns.map((c) => columnConverter(c, { ...options, format }));
  const n = converters.length;
  if (format !== 'jsonl') {
    return (record) => {
      if (record.error) return { reason: record.error };
      const fields = record.fields!;
      if (fields.length !== mapping.fieldCount) return { reason: `has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${mapping.fieldCount}` };
      let row = '';
      for (let i = 0; i < n; i++) {
        const out = converters[i](fields[i]);
        if (out.reason !== undefined) return { reason: out.reason };
        row += i === 0 ? out.text : '\t' + out.text;
      }
      return { row: row + '\n' };
    };
  }
  const names = new Set(mapping.columns.map((c) => c.name));
  return (record) => {
    if (record.error) return { reason: record.error };
    const json = record.json;
    let values: unknown[];
    if (Array.isArray(json)) {
      if (json.length !== n) return { reason: `has ${json.length} values, ${n} columns are loaded` };
      values = json;
    } else {
      const obj = json as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        if (!names.has(key)) return { reason: `has key "${key}", which is not a loaded column (${[...names].join(', ')})` };
      }
      values = mapping.columns.map((c) => obj[c.name]);
    }
    let row = '';
    for (let i = 0; i < n; i++) {
      const out = converters[i](values[i]);
      if (out.reason !== undefined) return { reason: out.reason };
      row += i === 0 ? out.text : '\t' + out.text;
    }
    return { row: row + '\n' };
  };
}

type Converted = { text: string; reason?: undefined } | { reason: string; text?: undefined };
type Converter = (value: unknown) => Converted;

const NULL: Converted = { text: '\\N' };

type ConverterOptions = RowCheckOptions & { format: InputFormat };

function columnConverter(column: TargetColumn, options: ConverterOptions): Converter {
  const value = valueConverter(column, options);
  return (v) => {
    if (v === null || v === undefined) return column.notNull ? { reason: `${column.name} is NOT NULL, and the row has no value for it` } : NULL;
    return value(v);
  };
}

function valueConverter(column: TargetColumn, options: ConverterOptions): Converter {
  const fail = (why: string): Converted => ({ reason: `${column.name} ${why}` });
  switch (column.kind) {
    case 'vector':
    case 'halfvec': {
      const type = column.kind;
      const noZero = options.cosine || column.cosineIndexed;
      const max = 16000;
      return (v) => {
        let text: string;
        if (typeof v === 'string') text = v;
        else if (Array.isArray(v)) {
          const bad = v.findIndex((x) => typeof x !== 'number');
          if (bad >= 0) return fail(`element ${bad + 1} is not a number: ${JSON.stringify(v[bad])}`);
          text = `[${v.join(',')}]`;
        } else return fail(`must be a ${type} such as [0.1,0.2] (got ${typeof v})`);
        const scanned = scanDense(text, type);
        if (typeof scanned === 'string') return fail(scanned);
        if (column.size !== undefined && scanned.dimensions !== column.size) return fail(`has ${scanned.dimensions} dimensions, the column is ${column.type}`);
        if (scanned.dimensions > max) return fail(`has ${scanned.dimensions} dimensions, more than ${type} allows (${max})`);
        if (noZero && scanned.zero) return fail(zeroReason(column, options));
        return { text: scanned.controlSpace ? escapeCopy(text) : text };
      };
    }
    case 'sparsevec': {
      const noZero = options.cosine || column.cosineIndexed;
      return (v) => {
        if (typeof v !== 'string') return fail(`must be a sparsevec such as {1:0.5,3:0.2}/5 (got ${typeof v})`);
        const scanned = scanSparse(v);
        if (typeof scanned === 'string') return fail(scanned);
        if (column.size !== undefined && scanned.dimensions !== column.size) return fail(`has ${scanned.dimensions} dimensions, the column is ${column.type}`);
        if (noZero && scanned.zero) return fail(zeroReason(column, options));
        return { text: escapeCopy(v) };
      };
    }
    case 'bit':
    case 'varbit':
      return (v) => {
        if (typeof v !== 'string') return fail(`must be a bit string such as 0101 (got ${typeof v})`);
        const length = bitLength(v);
        if (typeof length === 'string') return fail(length);
        if (column.size !== undefined && (column.kind === 'bit' ? length !== column.size : length > column.size)) return fail(`has ${length} bits, the column is ${column.type}`);
        return { text: v };
      };
    case 'int2':
    case 'int4':
    case 'int8':
      return integerConverter(column, fail);
    case 'json':
      // A CSV or TSV field holds JSON text; a JSON Lines value is JSON itself (a string stays a string).
      return (v) => ({ text: escapeCopy(options.format !== 'jsonl' && typeof v === 'string' ? v : JSON.stringify(v)) });
    default:
      return (v) => {
        if (typeof v === 'string') return { text: escapeCopy(v) };
        if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v) };
        if (Array.isArray(v) && column.type.endsWith('[]')) return { text: escapeCopy(arrayLiteral(v)) };
        return fail(`cannot take a JSON ${Array.isArray(v) ? 'array' : 'object'}: the column is ${column.type}`);
      };
  }
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
};

function integerConverter(column: TargetColumn, fail: (why: string) => Converted): Converter {
  const [min, max] = INT_RANGE[column.kind];
  return (v) => {
    const text = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : '') : typeof v === 'string' ? v.trim() : '';
    if (!/^[+-]?\d+$/.test(text)) return fail(`is not an integer: ${JSON.stringify(v)}`);
    // Short enough to be exact as a double: compare as numbers; else as BigInt.
    const inRange = text.length < 16 ? Number(text) >= Number(min) && Number(text) <= Number(max) : BigInt(text) >= min && BigInt(text) <= max;
    if (!inRange) return fail(`is ${text}, out of range for ${column.type}`);
    return { text };
  };
}

function zeroReason(column: TargetColumn, options: RowCheckOptions): string {
  const why = column.cosineIndexed ? 'a cosine index reads this column' : "the project's distance is cosine";
  return `is a zero vector: ${why}, and cosine distance is undefined for it (pgvector cannot index it)`;
}

function arrayLiteral(values: unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : Array.isArray(v) ? arrayLiteral(v) : typeof v === 'string' ? `"${v.replace(/[\\"]/g, (c) => '\\' + c)}"` : String(v))).join(',')}}`;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value as a field of COPY's text format. */
export function escapeCopy(s: string): string {
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : s;
}
