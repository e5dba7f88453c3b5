// Splits SQL text into statements with exact character offsets, so that dollar quoting, E''
// strings, quoted identifiers, comments and BEGIN ATOMIC ... END bodies never cut a statement in
// two. The boundaries come from our lexer (lexer.ts); a statement's tokens come from PostgreSQL's
// own scanner (libpg-query), on the statement alone and only when something reads them.
// splitStatementsWithScanner, the split on the scanner alone, is the lexer's oracle in tests.
import { lexStatements } from './lexer';
import { makeByteToCharMapper, scanTokens } from './parser';

export interface SqlToken {
  /** Character offsets into the text that was split (not into the statement). */
  start: number;
  end: number;
  text: string;
  /** libpg-query's token name: IDENT, SCONST, ICONST, ASCII_59 (';'), SQL_COMMENT, ... */
  kind: string;
  /** Lower-cased keyword when the token is a keyword, otherwise undefined. */
  keyword?: string;
}

export interface SqlComment {
  start: number;
  end: number;
  text: string;
}

export interface SqlStatement {
  index: number;
  /** 'meta' is a psql backslash command (\set, \i, ...): not SQL, never sent to a server. */
  kind: 'sql' | 'meta';
  /** The statement without its terminating semicolon. */
  text: string;
  /** Offset of the first token (comments before it are not part of the statement). */
  start: number;
  /** Offset just after the last token, before the semicolon. */
  end: number;
  /** Offset just after the terminating semicolon, or `end` when there is none. */
  endWithSemicolon: number;
  /** Tokens of the statement, comments excluded. */
  tokens: SqlToken[];
  /** Comments between the previous statement and this one, and inside it. */
  comments: SqlComment[];
}

export interface SplitResult {
  statements: SqlStatement[];
  /** Comments after the last statement. */
  trailingComments: SqlComment[];
  /** Set when the scanner itself failed (e.g. an unterminated string); the rest is one statement. */
  scanError?: string;
}

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);
const META_LINE = /^[ \t]*\\.*$/gm;

/**
 * Splits `source.slice(from, to)` into statements; all offsets returned are offsets into `source`.
 */
export function splitStatements(source: string, from = 0, to = source.length): SplitResult {
  const lexed = lexStatements(source, from, to);
  if (lexed.error !== undefined) return wholeTextAsOneStatement(source, from, to, lexed.error);
  const statements: SqlStatement[] = [];
  for (const piece of lexed.pieces) {
    const text = piece.kind === 'meta' ? source.slice(piece.start, piece.end).trimEnd() : source.slice(piece.start, piece.end);
    statements.push(lazyTokens({
      index: statements.length, kind: piece.kind, text, start: piece.start, end: piece.end,
      endWithSemicolon: piece.endWithSemicolon, tokens: [], comments: piece.comments,
    }));
  }
  return { statements, trailingComments: lexed.trailingComments };
}

/** Gives `stmt` a `tokens` property that scans its text on first read (meta lines have none). */
function lazyTokens(stmt: SqlStatement): SqlStatement {
  if (stmt.kind === 'meta') return stmt;
  Object.defineProperty(stmt, 'tokens', {
    enumerable: true,
    configurable: true,
    get(): SqlToken[] {
      const tokens = statementTokens(stmt.text, stmt.start);
      Object.defineProperty(stmt, 'tokens', { value: tokens, enumerable: true, writable: true, configurable: true });
      return tokens;
    },
  });
  return stmt;
}

/** The tokens of one statement's text, comments excluded, at file offsets from `offset`. */
export function statementTokens(text: string, offset: number): SqlToken[] {
  let scanned: SqlToken[];
  try {
    scanned = scanWithCharOffsets(text);
  } catch {
    return [];
  }
  const tokens: SqlToken[] = [];
  for (const t of scanned) {
    if (COMMENT_TOKENS.has(t.kind)) continue;
    t.start += offset;
    t.end += offset;
    tokens.push(t);
  }
  return tokens;
}

/** The split on libpg-query's scanner alone: every token of the text, scanned up front. */
export function splitStatementsWithScanner(source: string, from = 0, to = source.length): SplitResult {
  const text = source.slice(from, to);
  const metaLines = findMetaLines(text);
  const masked = maskRanges(text, metaLines);
  let raw: SqlToken[];
  try {
    raw = scanWithCharOffsets(masked);
  } catch (err) {
    return wholeTextAsOneStatement(source, from, to, (err as Error).message);
  }
  const realMeta = metaLines.filter((m) => !insideStringToken(m, raw));
  if (realMeta.length !== metaLines.length) {
    raw = scanWithCharOffsets(maskRanges(text, realMeta));
  }
  return groupIntoStatements(text, raw, realMeta, from);
}

/** Every token, comments included, with character offsets into `text`. */
function scanWithCharOffsets(text: string): SqlToken[] {
  const toChar = makeByteToCharMapper(text);
  const scanned = scanTokens(text);
  // Past some millions of tokens the scanner returns none at all: never take that for empty SQL.
  if (scanned.length === 0 && text.trim() !== '') throw new Error('the SQL scanner returned no tokens for this text (it is too large to scan)');
  return scanned.map((t) => {
    const start = toChar(t.start);
    const end = toChar(t.end);
    const tokenText = text.slice(start, end);
    return { start, end, text: tokenText, kind: t.tokenName, keyword: t.keywordName !== 'NO_KEYWORD' ? tokenText.toLowerCase() : undefined };
  });
}

interface Range {
  start: number;
  end: number;
}

function findMetaLines(text: string): Range[] {
  const ranges: Range[] = [];
  for (const m of text.matchAll(META_LINE)) {
    ranges.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return ranges;
}

function maskRanges(text: string, ranges: Range[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let last = 0;
  for (const r of ranges) {
    out += text.slice(last, r.start) + ' '.repeat(r.end - r.start);
    last = r.end;
  }
  return out + text.slice(last);
}

function insideStringToken(range: Range, tokens: SqlToken[]): boolean {
  return tokens.some((t) => t.kind === 'SCONST' && t.start <= range.start && t.end >= range.end);
}

/**
 * Walks the tokens and meta lines once, in text order, cutting at semicolons that are not inside
 * a BEGIN ATOMIC body. Offsets come out moved by `by` (the text's offset in its source): the
 * scanned tokens are this call's own, so they are moved in place rather than copied.
 */
function groupIntoStatements(text: string, raw: SqlToken[], meta: Range[], by: number): SplitResult {
  const statements: SqlStatement[] = [];
  let tokens: SqlToken[] = [];
  let comments: SqlComment[] = [];
  let atomicDepth = 0;
  let caseDepth = 0;
  let previousKeyword: string | undefined;

  const flush = (semicolonEnd?: number) => {
    if (tokens.length === 0) return;
    const start = tokens[0].start;
    const end = tokens[tokens.length - 1].end;
    statements.push({
      index: statements.length, kind: 'sql', text: text.slice(start - by, end - by), start, end,
      endWithSemicolon: semicolonEnd ?? end, tokens, comments,
    });
    tokens = [];
    comments = [];
  };

  const addMeta = (range: Range) => {
    flush();
    const lineText = text.slice(range.start, range.end);
    const trimmedStart = range.start + (lineText.length - lineText.trimStart().length);
    statements.push({
      index: statements.length, kind: 'meta', text: text.slice(trimmedStart, range.end).trimEnd(),
      start: trimmedStart + by, end: range.end + by, endWithSemicolon: range.end + by, tokens: [], comments,
    });
    comments = [];
  };

  // Meta lines were masked to blanks before scanning, so no token overlaps one: merging the two
  // sorted lists by start gives text order.
  let nextMeta = 0;
  for (const t of raw) {
    while (nextMeta < meta.length && meta[nextMeta].start < t.start) addMeta(meta[nextMeta++]);
    if (COMMENT_TOKENS.has(t.kind)) {
      comments.push({ start: t.start + by, end: t.end + by, text: t.text });
      continue;
    }
    const word = t.keyword;
    if (word === 'atomic' && previousKeyword === 'begin') atomicDepth++;
    else if (atomicDepth > 0 && word === 'case') caseDepth++;
    else if (atomicDepth > 0 && word === 'end') {
      if (caseDepth > 0) caseDepth--;
      else atomicDepth--;
    }
    previousKeyword = word;
    if (t.text === ';' && atomicDepth === 0) {
      flush(t.end + by);
      continue;
    }
    t.start += by;
    t.end += by;
    tokens.push(t);
  }
  while (nextMeta < meta.length) addMeta(meta[nextMeta++]);
  flush();
  return { statements, trailingComments: comments };
}

function wholeTextAsOneStatement(source: string, from: number, to: number, message: string): SplitResult {
  const text = source.slice(from, to);
  const start = from + (text.length - text.trimStart().length);
  const end = from + text.trimEnd().length;
  if (end <= start) return { statements: [], trailingComments: [], scanError: message };
  return {
    statements: [{
      index: 0, kind: 'sql', text: source.slice(start, end), start, end, endWithSemicolon: end, tokens: [], comments: [],
    }],
    trailingComments: [],
    scanError: message,
  };
}
