// Formats a migration file without touching what makes it a migration: the header comment block
// and the section markers (`-- UP Migration`, `-- migrate:down`, ...) stay byte for byte, and so
// does everything between statements (comments, blank lines). Only the statements themselves are
// rewritten, one at a time, each checked to mean the same; the rest is kept as written.
import { parseHeader } from '../migrations/header';
import { splitStatements } from '../sql/split';
import { formatStatement, FormatOptions } from './format-statement';

export type { FormatOptions } from './format-statement';

/** A replacement of `text.slice(start, end)`; edits never overlap and come in file order. */
export interface FormatEdit {
  start: number;
  end: number;
  newText: string;
}

/** Every layout's section markers: the formatter keeps them whatever the project's layout. */
const MARKER_LINE = /^[ \t]*--[ \t]*(?:(?:UP|DOWN)[ \t]+Migration\b|migrate:(?:up|down)\b).*$/gim;

/** The edits that format `text`. The SQL parser must be loaded (`await ensureParser()`). */
export function formatMigrationEdits(text: string, options: FormatOptions = {}): FormatEdit[] {
  const edits: FormatEdit[] = [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  for (const region of sqlRegions(text)) {
    const split = splitStatements(text, region.start, region.end);
    // An unterminated string or comment: the scanner cannot say where statements end.
    if (split.scanError) continue;
    for (const stmt of split.statements) {
      if (stmt.kind !== 'sql') continue;
      const newText = formatStatement(stmt, options, { indent: leadingIndent(text, stmt.start), eol });
      if (newText === undefined) continue;
      if (newText !== text.slice(stmt.start, stmt.endWithSemicolon)) {
        edits.push({ start: stmt.start, end: stmt.endWithSemicolon, newText });
      }
    }
  }
  return edits;
}

/** The formatted text of a migration file. */
export function formatMigrationText(text: string, options: FormatOptions = {}): string {
  return applyEdits(text, formatMigrationEdits(text, options));
}

export function applyEdits(text: string, edits: readonly FormatEdit[]): string {
  let out = '';
  let last = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last);
}

interface Region {
  start: number;
  end: number;
}

/** The parts of the file that hold SQL: after the header, between and after the marker lines. */
export function sqlRegions(text: string): Region[] {
  const regions: Region[] = [];
  let start = parseHeader(text).end;
  for (const m of text.matchAll(MARKER_LINE)) {
    const markerStart = m.index ?? 0;
    if (markerStart + m[0].length <= start) continue;
    if (markerStart > start) regions.push({ start, end: markerStart });
    start = markerStart + m[0].length;
  }
  if (start < text.length) regions.push({ start, end: text.length });
  return regions;
}

/** The whitespace before `offset` on its line, when only whitespace precedes it there. */
function leadingIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : '';
}
