// Where in SQL text an object is written: the statement that names it, and the token of its name.
// The catalogs say what exists; this finds the line a person would edit.
import type { SqlStatement, SqlToken } from '../sql/split';
import type { Mention } from './objects';

export interface TextRange {
  start: number;
  end: number;
}

/** The identifier a token spells: "Foo" stays Foo, unquoted words fold to lower case. */
export function tokenName(token: SqlToken): string {
  if (token.text.startsWith('"') && token.text.endsWith('"') && token.text.length >= 2) return token.text.slice(1, -1).replace(/""/g, '"');
  return token.text.toLowerCase();
}

/**
 * The first mention (in priority order) found in any statement: all its names appear in the
 * statement; the range is the token of the focused name. `pick` chooses the first statement that
 * matches (where a spec creates something) or the last (what a migration last altered).
 */
export function locateMention(statements: readonly SqlStatement[], mentions: readonly Mention[], pick: 'first' | 'last'): TextRange | undefined {
  for (const mention of mentions) {
    const order = pick === 'first' ? statements : [...statements].reverse();
    for (const stmt of order) {
      const range = mentionIn(stmt, mention);
      if (range) return range;
    }
  }
  return undefined;
}

function mentionIn(stmt: SqlStatement, mention: Mention): TextRange | undefined {
  if (stmt.kind !== 'sql') return undefined;
  if (mention.leading && !mention.leading.some((words) => startsWith(stmt, words))) return undefined;
  const positions = mention.names.map((n) => stmt.tokens.findIndex((t) => tokenName(t) === n));
  if (positions.some((p) => p < 0)) return undefined;
  // The focused name after the names before it when possible: `ALTER TABLE t ADD c`, not an earlier `c`.
  const after = Math.max(-1, ...positions.slice(0, mention.focus));
  const focusName = mention.names[mention.focus];
  let index = stmt.tokens.findIndex((t, i) => i > after && tokenName(t) === focusName);
  if (index < 0) index = positions[mention.focus];
  const token = stmt.tokens[index];
  return { start: token.start, end: token.end };
}

/** The first line of a statement: where a finding about the whole statement is underlined. */
export function firstLineOf(text: string, stmt: { start: number; end: number }): TextRange {
  const newline = text.indexOf('\n', stmt.start);
  return { start: stmt.start, end: newline < 0 || newline > stmt.end ? stmt.end : newline };
}

function startsWith(stmt: SqlStatement, words: string): boolean {
  const list = words.split(' ');
  return list.every((w, i) => stmt.tokens[i]?.text.toLowerCase() === w);
}
