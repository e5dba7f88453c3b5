// The WITH (...) storage parameters of an index, each with its value and the text range of
// `name = value`, so rules about HNSW and IVFFlat parameters can point at the parameter itself.
import type { DefElem, IndexStmt } from '@pgsql/types';
import { as, Range, rangeAtLocation } from './ast';
import type { ParsedStatement } from './types';

export interface IndexOption {
  name: string;
  /** The value as PostgreSQL reads it: a number when it is one (also when quoted), else the text. */
  value: number | string | undefined;
  /** `m = 16`. */
  range: Range;
}

export function indexOptions(stmt: ParsedStatement, index: IndexStmt): Map<string, IndexOption> {
  const out = new Map<string, IndexOption>();
  for (const o of index.options ?? []) {
    const d = as(o, 'DefElem');
    if (d?.defname) out.set(d.defname.toLowerCase(), { name: d.defname.toLowerCase(), value: optionValue(d), range: optionRange(stmt, d) });
  }
  return out;
}

function optionValue(d: DefElem): number | string | undefined {
  const int = as(d.arg, 'Integer');
  if (int) return int.ival ?? 0;
  const float = as(d.arg, 'Float');
  if (float) return Number(float.fval);
  const str = as(d.arg, 'String')?.sval;
  if (str === undefined) return undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(str) ? Number(str) : str;
}

function optionRange(stmt: ParsedStatement, d: DefElem): Range {
  const name = rangeAtLocation(stmt, d.location);
  const i = stmt.tokens.findIndex((t) => t.start === name.start);
  if (i < 0 || stmt.tokens[i + 1]?.text !== '=' || !stmt.tokens[i + 2]) return name;
  // A negative number is two tokens: `-` and the digits.
  const last = stmt.tokens[i + 2].text === '-' && stmt.tokens[i + 3] ? i + 3 : i + 2;
  return { start: name.start, end: stmt.tokens[last].end };
}
