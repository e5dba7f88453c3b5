// Where a type is written in the file: libpg-query gives a TypeName only its start, and rules
// report on (and quick fixes replace) the whole `vector(768)`, `timestamp(3) without time zone`,
// `character varying(100)[]`.
import type { TypeName } from '@pgsql/types';
import type { SqlToken } from '../sql/split';
import type { ParsedStatement } from './types';

export interface TypeRange {
  start: number;
  /** Just after the whole type: name, modifiers, time zone clause and array bounds. */
  end: number;
  /** Just after the name words (`character varying`), before `(`. */
  nameEnd: number;
  /** Just after modifiers and time zone clause, before array bounds: what a type rewrite replaces. */
  baseEnd: number;
  /** The name as written: `character varying`, `INT`, `public.vector`. */
  nameText: string;
  /** Range of each type modifier token (`768` in `vector(768)`). */
  typmods: { start: number; end: number }[];
}

/** Later words that belong to a type name: `character varying`, `double precision`, `national character`. */
const NAME_CONTINUATIONS = new Set(['varying', 'precision', 'character', 'char']);

export function typeRange(stmt: ParsedStatement, tn: TypeName): TypeRange | undefined {
  const tokens = stmt.tokens;
  const at = stmt.fileOffset(tn.location);
  const first = tokens.findIndex((t) => t.start <= at && at < t.end);
  if (first < 0 || tn.location === undefined || tn.location < 0) return undefined;
  let j = first;
  while (tokens[j + 1]?.text === '.' && tokens[j + 2]) j += 2;
  while (tokens[j + 1] && NAME_CONTINUATIONS.has(tokens[j + 1].text.toLowerCase())) j++;
  const nameEnd = tokens[j].end;
  const nameText = stmt.text.slice(tokens[first].start - stmt.start, nameEnd - stmt.start);
  const typmods: { start: number; end: number }[] = [];
  if (tokens[j + 1]?.text === '(') {
    const close = matching(tokens, j + 1);
    for (let k = j + 2; k < close; k++) if (tokens[k].text !== ',') typmods.push({ start: tokens[k].start, end: tokens[k].end });
    j = close;
  }
  const word = (k: number) => tokens[k]?.text.toLowerCase();
  if ((word(j + 1) === 'with' || word(j + 1) === 'without') && word(j + 2) === 'time' && word(j + 3) === 'zone') j += 3;
  const baseEnd = tokens[j].end;
  for (;;) {
    if (tokens[j + 1]?.text === '[') j = matching(tokens, j + 1);
    else if (word(j + 1) === 'array') j++;
    else break;
  }
  return { start: tokens[first].start, end: tokens[j].end, nameEnd, baseEnd, nameText, typmods };
}

/** Index of the token closing the bracket at `open` (or the last token when unbalanced). */
export function matching(tokens: SqlToken[], open: number): number {
  const opener = tokens[open].text;
  const closer = opener === '(' ? ')' : ']';
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k].text === opener) depth++;
    else if (tokens[k].text === closer && --depth === 0) return k;
  }
  return tokens.length - 1;
}
