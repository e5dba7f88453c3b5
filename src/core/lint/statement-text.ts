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
