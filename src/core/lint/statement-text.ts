// Token-level lookups inside one statement, for the places libpg-query gives no location
// (keyword phrases such as SET NOT NULL, DROP statements' object names) and for fixes that copy
// a name exactly as the user wrote it.
import { nameRangeAtLocation, Range, statementRange } from './ast';
import type { ParsedStatement } from './types';

/** The first run of `words` (lower-case keywords or punctuation) inside `within`. */
export function phraseRange(stmt: ParsedStatement, words: string[], within: Range = statementRange(stmt)): Range | undefined {
  const tokens = stmt.tokens.filter((t) => t.start >= within.start && t.end <= within.end);
  for (let i = 0; i + words.length <= tokens.length; i++) {
    if (words.every((w, k) => tokens[i + k].text.toLowerCase() === w)) {
      return { start: tokens[i].start, end: tokens[i + words.length - 1].end };
    }
  }
  return undefined;
}

/** The source text of `range`, which lies inside the statement. */
export function textOf(stmt: ParsedStatement, range: Range): string {
  return stmt.text.slice(range.start - stmt.start, range.end - stmt.start);
}

/** A (possibly qualified) name exactly as written at an AST location: `public."Docs"`. */
export function nameTextAt(stmt: ParsedStatement, location: number | undefined): string {
  return textOf(stmt, nameRangeAtLocation(stmt, location));
}

/** How many words name the object type after DROP: DROP MATERIALIZED VIEW -> 2. */
const DROP_TYPE_WORDS: Record<string, number> = {
  OBJECT_TABLE: 1, OBJECT_INDEX: 1, OBJECT_SEQUENCE: 1, OBJECT_VIEW: 1, OBJECT_MATVIEW: 2, OBJECT_FOREIGN_TABLE: 2,
  OBJECT_TYPE: 1, OBJECT_DOMAIN: 1, OBJECT_SCHEMA: 1, OBJECT_EXTENSION: 1, OBJECT_FUNCTION: 1, OBJECT_PROCEDURE: 1,
  OBJECT_TRIGGER: 1, OBJECT_POLICY: 1, OBJECT_COLLATION: 1, OBJECT_STATISTIC_EXT: 1,
};

export interface DropNames {
  /** Where IF EXISTS goes (or is): just before the first name. */
  namesStart: number;
  /** The range of the object-type words after DROP, CONCURRENTLY included: `INDEX CONCURRENTLY`. */
  typeWords: Range;
  /** One range per dropped object, in order. */
  names: Range[];
}

/** The object names of a DropStmt, which libpg-query gives no locations. */
export function dropNames(stmt: ParsedStatement, removeType: string | undefined, concurrent: boolean, missingOk: boolean): DropNames | undefined {
  const words = removeType ? DROP_TYPE_WORDS[removeType] : undefined;
  if (words === undefined) return undefined;
  const t = stmt.tokens;
  let i = 1 + words + (concurrent ? 1 : 0);
  if (i >= t.length) return undefined;
  const typeWords = { start: t[1].start, end: t[i - 1].end };
  if (missingOk && t[i]?.text.toLowerCase() === 'if') i += 2;
  const namesStart = t[i]?.start ?? stmt.end;
  let last = t.length - 1;
  if (/^(cascade|restrict)$/i.test(t[last]?.text ?? '')) last--;
  const names: Range[] = [];
  let depth = 0;
  let first = i;
  for (let j = i; j <= last; j++) {
    const text = t[j].text;
    if (text === '(') depth++;
    else if (text === ')') depth--;
    else if (text === ',' && depth === 0) {
      if (j > first) names.push({ start: t[first].start, end: t[j - 1].end });
      first = j + 1;
    }
  }
  if (first <= last) names.push({ start: t[first].start, end: t[last].end });
  return { namesStart, typeWords, names };
}
