// The one door to libpg-query (the real PostgreSQL grammar compiled to WebAssembly). The module
// is loaded once per process; everything else calls the synchronous functions after ensureParser().
import * as pgQuery from 'libpg-query';

export type { ScanToken } from 'libpg-query';

let loading: Promise<void> | undefined;
let loaded = false;

/** Loads the WebAssembly parser once; cheap to await again. */
export function ensureParser(): Promise<void> {
  if (!loading) {
    loading = pgQuery.loadModule().then(() => {
      loaded = true;
    });
  }
  return loading;
}

function assertLoaded(): void {
  if (!loaded) throw new Error('internal: the SQL parser is not loaded yet; await ensureParser() first');
}

export function scanTokens(sql: string): pgQuery.ScanToken[] {
  assertLoaded();
  return pgQuery.scanSync(sql).tokens;
}

export interface ParseSuccess {
  ok: true;
  stmts: pgQuery.ParseResult['stmts'];
}
export interface ParseFailure {
  ok: false;
  message: string;
  /** The parser ran out of stack (the statement nests too deep), rather than finding an error. */
  exhausted?: boolean;
  /** Character offset into the parsed text where PostgreSQL reports the error, if it gives one. */
  position?: number;
}

/** Parses SQL text; a syntax error comes back as a value, with its position as a character offset. */
export function parseSql(sql: string): ParseSuccess | ParseFailure {
  assertLoaded();
  try {
    return { ok: true, stmts: pgQuery.parseSync(sql).stmts ?? [] };
  } catch (err) {
    const e = err as { message?: string; sqlDetails?: { message?: string; cursorPosition?: number } };
    const cursor = e.sqlDetails?.cursorPosition;
    const exhausted = err instanceof RangeError || /^memory exhausted/.test(e.sqlDetails?.message ?? e.message ?? '');
    return {
      ok: false,
      exhausted,
      message: e.sqlDetails?.message ?? e.message ?? String(err),
      // Unlike AST locations (UTF-8 bytes), PostgreSQL's error cursor counts characters (code points).
      position: cursor === undefined || cursor < 0 ? undefined : codePointToCharOffset(sql, cursor),
    };
  }
}

/**
 * libpg-query reports UTF-8 byte offsets; editors and our findings use UTF-16 character offsets.
 * Pure ASCII text (the common case) maps one to one.
 */
export function byteToCharOffset(text: string, byteOffset: number): number {
  if (isAscii(text)) return Math.min(byteOffset, text.length);
  return makeByteToCharMapper(text)(byteOffset);
}

/** UTF-16 offset of the `codePoints`-th code point (astral characters take two UTF-16 units). */
export function codePointToCharOffset(text: string, codePoints: number): number {
  let offset = 0;
  for (let n = 0; n < codePoints && offset < text.length; n++) {
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return offset;
}

export function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text);
}

/** Builds a function from UTF-8 byte offset to UTF-16 offset for one text. */
export function makeByteToCharMapper(text: string): (byteOffset: number) => number {
  if (isAscii(text)) return (b) => Math.min(b, text.length);
  const byteStarts: number[] = []; // byte offset at which each UTF-16 unit index begins
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    byteStarts.push(bytes);
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
      byteStarts.push(bytes); // the low surrogate has no bytes of its own
    } else bytes += 3;
  }
  byteStarts.push(bytes);
  return (b) => {
    let lo = 0;
    let hi = byteStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (byteStarts[mid] <= b) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}
