// Records of the three input formats, from lines: CSV (RFC 4180 quoting, a quoted field may span
// lines; an unquoted empty field is NULL, as in PostgreSQL's CSV), TSV (PostgreSQL's text format:
// tab-separated, \N is NULL, backslash escapes) and JSON Lines (one object a line).
import type { InputFormat } from './types';
import type { InputLine } from './input';

export interface InputRecord {
  /** 1-based input line where the record starts. */
  line: number;
  /** Bytes and lines of the input before the record: where a resume reads it again. */
  startBytes: number;
  linesBefore: number;
  /** Byte offset just after the record, and the record's last line (a CSV record may span lines). */
  end: number;
  lastLine: number;
  /** The record's text as read (joined lines for a multi-line CSV record). */
  text: string;
  /** CSV and TSV: the fields in file order. */
  fields?: (string | null)[];
  /** JSON Lines: the parsed object (or array, taken in column order). */
  json?: unknown;
  /** Why the record cannot be read at all. */
  error?: string;
}

/** Records of a stream of lines; blank lines are skipped (they are counted). */
export async function* readRecords(lines: AsyncIterable<InputLine>, format: InputFormat): AsyncGenerator<InputRecord> {
  let pending: { first: InputLine; text: string; invalid: boolean; lines: number } | undefined;
  let lastEnd = 0;
  let lastLine = 0;
  for await (const l of lines) {
    lastEnd = l.end;
    lastLine = l.line;
    if (pending) {
      pending.text += '\n' + l.text;
      pending.invalid ||= l.invalidUtf8;
      pending.lines++;
      const parsed = parseCsvLine(pending.text);
      if (parsed === INCOMPLETE) {
        // A stray quote must not make one record of the rest of a 5 GB file.
        if (pending.lines < MAX_RECORD_LINES && pending.text.length < MAX_RECORD_CHARS) continue;
        yield finish(pending.first, l.line, l.end, pending.text, pending.invalid, { error: `a quoted field is not closed within ${pending.lines} lines` });
        pending = undefined;
        continue;
      }
      yield finish(pending.first, l.line, l.end, pending.text, pending.invalid, parsed);
      pending = undefined;
      continue;
    }
    if (l.text.length === 0 || (format === 'jsonl' && l.text.trim() === '')) continue;
    if (format === 'csv') {
      const parsed = parseCsvLine(l.text);
      if (parsed === INCOMPLETE) { pending = { first: l, text: l.text, invalid: l.invalidUtf8, lines: 1 }; continue; }
      yield finish(l, l.line, l.end, l.text, l.invalidUtf8, parsed);
    } else if (format === 'tsv') {
      yield finish(l, l.line, l.end, l.text, l.invalidUtf8, parseTsvLine(l.text));
    } else {
      yield finish(l, l.line, l.end, l.text, l.invalidUtf8, parseJsonLine(l.text));
    }
  }
  if (pending) yield finish(pending.first, lastLine, lastEnd, pending.text, pending.invalid, { error: 'a quoted field is not closed before the end of the input' });

  function finish(first: InputLine, last: number, end: number, text: string, invalid: boolean, parsed: Parsed): InputRecord {
    const record: InputRecord = { line: first.line, startBytes: first.start, linesBefore: first.line - 1, end, lastLine: last, text };
    if (invalid) record.error = 'is not valid UTF-8';
    else if ('error' in parsed) record.error = parsed.error;
    else if ('fields' in parsed) record.fields = parsed.fields;
    else record.json = parsed.json;
    return record;
  }
}

const MAX_RECORD_LINES = 10_000;
const MAX_RECORD_CHARS = 64 << 20;

type Parsed = { fields: (string | null)[] } | { json: unknown } | { error: string };
const INCOMPLETE = Symbol('incomplete');

/** One CSV record, or INCOMPLETE when a quoted field goes on past the end of the text. */
export function parseCsvLine(text: string): Parsed | typeof INCOMPLETE {
  const fields: (string | null)[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return INCOMPLETE;
        if (text.charCodeAt(q + 1) === 34) { value += text.slice(j, q + 1); j = q + 2; continue; }
        value += text.slice(j, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return { fields };
      if (text.charCodeAt(i) !== 44) return { error: `field ${fields.length} has text after its closing quote` };
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      fields.push(end === i ? null : text.slice(i, end));
      if (comma < 0) return { fields };
      i = comma + 1;
    }
  }
}

/** One line of PostgreSQL's text format. */
export function parseTsvLine(text: string): Parsed {
  const fields: (string | null)[] = text.split('\t').map((f) => (f === '\\N' ? null : f.includes('\\') ? unescapeText(f) : f));
  return { fields };
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function unescapeText(field: string): string {
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'x' && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}

function parseJsonLine(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { error: `is not valid JSON: ${(err as Error).message}` };
  }
  if (typeof json !== 'object' || json === null) return { error: 'is not a JSON object or array' };
  return { json };
}
