// One statement through sql-formatter, checked afterwards: the formatter may only move whitespace
// (and change keyword case when asked). Whatever it cannot format (it throws on syntax it does not
// know) or would change in meaning comes back undefined, and the caller keeps the statement as written.
import { formatDialect } from 'sql-formatter';
import { splitStatements, SqlStatement } from '../sql/split';
import { pgvectorDialect } from './pgvector-dialect';

export interface FormatOptions {
  /** Spaces per indentation level (VS Code's editor.tabSize). */
  tabWidth?: number;
  /** Indent with tabs instead of spaces (the opposite of VS Code's editor.insertSpaces). */
  useTabs?: boolean;
  /** Keyword case; `preserve` (the default) leaves keywords as written. */
  keywordCase?: 'preserve' | 'upper' | 'lower';
}

/** How the statement sits in its file: the indentation of its first line, and the file's line ending. */
export interface StatementLayout {
  indent: string;
  eol: '\n' | '\r\n';
}

/**
 * Formats `stmt` (its text and, when written, its semicolon) to sit at `layout`. The parser must
 * be loaded: the check re-scans the result with PostgreSQL's own scanner.
 */
export function formatStatement(stmt: SqlStatement, options: FormatOptions = {}, layout: StatementLayout = { indent: '', eol: '\n' }): string | undefined {
  const withSemicolon = stmt.endWithSemicolon > stmt.end ? `${stmt.text};` : stmt.text;
  let formatted: string;
  try {
    formatted = formatDialect(withSemicolon, {
      dialect: pgvectorDialect,
      tabWidth: options.tabWidth ?? 2,
      useTabs: options.useTabs ?? false,
      keywordCase: options.keywordCase ?? 'preserve',
    }).trim();
  } catch {
    return undefined;
  }
  const again = sameStatement(stmt, formatted);
  return again && placeLines(formatted, again, layout);
}

/**
 * The formatted text split again, when it has the same tokens (up to case where PostgreSQL ignores
 * it) and the same comments as the original and is still one statement; otherwise undefined.
 */
function sameStatement(original: SqlStatement, formatted: string): SqlStatement | undefined {
  const again = splitStatements(formatted);
  if (again.scanError || again.statements.length !== 1 || again.trailingComments.length > 0) return undefined;
  const stmt = again.statements[0];
  if ((stmt.endWithSemicolon > stmt.end) !== (original.endWithSemicolon > original.end)) return undefined;
  if (stmt.tokens.length !== original.tokens.length) return undefined;
  for (let i = 0; i < stmt.tokens.length; i++) {
    if (tokenKey(stmt.tokens[i]) !== tokenKey(original.tokens[i])) return undefined;
  }
  const comments = (s: SqlStatement) => s.comments.filter((c) => c.start >= s.start).map((c) => c.text.replace(/\s+/g, ' ').trim());
  return JSON.stringify(comments(stmt)) === JSON.stringify(comments(original)) ? stmt : undefined;
}

/**
 * A statement written indented keeps its indentation on every line sql-formatter breaks it into,
 * and the file keeps its line endings; lines inside a multi-line string (a function body) are
 * left alone, since changing them would change the string.
 */
function placeLines(formatted: string, stmt: SqlStatement, layout: StatementLayout): string {
  if (!layout.indent && layout.eol === '\n' && !formatted.includes('\r')) return formatted;
  const multiLine = stmt.tokens.filter((t) => t.text.includes('\n'));
  const insideToken = (offset: number) => multiLine.some((t) => t.start < offset && offset < t.end);
  const lines = formatted.split('\n');
  let out = lines[0];
  let offset = lines[0].length + 1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (insideToken(offset)) out += `\n${line}`;
    else out = `${out.replace(/\r$/, '')}${layout.eol}${line === '' ? '' : layout.indent}${line}`;
    offset += line.length + 1;
  }
  return out;
}

/** Keywords and unquoted identifiers fold to lower case in PostgreSQL; everything else must match exactly. */
function tokenKey(t: SqlStatement['tokens'][number]): string {
  if (t.keyword !== undefined) return `k:${t.keyword}`;
  if (t.kind === 'IDENT' && !t.text.startsWith('"')) return `i:${t.text.toLowerCase()}`;
  return `${t.kind}:${t.text}`;
}
