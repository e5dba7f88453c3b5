// Positions for findings about a file rather than a statement: a header field's value, the
// UP/DOWN marker line, the first line. Still the offending text, never the whole file.
import type { HeaderField, Migration, Section } from '../migrations/types';
import type { Range } from './ast';

/** The text of 1-based line `line` (without its line break). */
export function lineRange(text: string, line: number): Range {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return { start: text.length, end: text.length };
    start = nl + 1;
  }
  const nl = text.indexOf('\n', start);
  const end = nl === -1 ? text.length : nl;
  return { start, end: text[end - 1] === '\r' ? end - 1 : end };
}

/** The value of a header field (`0002_x.sql` in `-- Migration: 0002_x.sql`), or its line when empty. */
export function headerValueRange(text: string, field: HeaderField): Range {
  const line = lineRange(text, field.line);
  if (field.value === '') return line;
  const colon = text.indexOf(':', line.start);
  const at = text.indexOf(field.value, colon === -1 ? line.start : colon);
  return at === -1 || at > line.end ? line : { start: at, end: at + field.value.length };
}

/** Where a finding about a whole migration file goes: its Migration header field, else its first line. */
export function fileHeadRange(m: Migration): Range {
  const text = m.up.fileText;
  const field = m.header.fields['migration'];
  if (field) return headerValueRange(text, field);
  return firstLineRange(text);
}

export function firstLineRange(text: string): Range {
  const firstNonEmpty = text.split('\n').findIndex((l) => l.trim() !== '');
  return lineRange(text, firstNonEmpty === -1 ? 1 : firstNonEmpty + 1);
}

/** The section's marker line (`-- DOWN Migration`), or the first line of its file. */
export function markerRange(section: Section): Range {
  return section.markerLine ? lineRange(section.fileText, section.markerLine) : firstLineRange(section.fileText);
}
