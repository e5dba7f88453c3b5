// What "changed after apply" compares: the checksum of a section's statements. Comments and white
// space between statements (a `-- pgvector-migrator-disable-next-line` line, a blank line, a
// note) change nothing in the database, so they do not change the checksum; anything from a
// statement's first token to its last does. Discovery is synchronous and runs before the parser's
// WebAssembly loads, so this reads the text with a small scanner of its own that knows what can
// hide a `;` or `--`: strings ('', E'', $tag$ $tag$), quoted identifiers and comments.
import { createHash } from 'node:crypto';

/** sha256 of the statements of `sql`, each trimmed, joined by ";\n". */
export function checksumOf(sql: string): string {
  return sha256(statementsText(sql.replace(/\r\n?/g, '\n')));
}

/**
 * The checksum earlier releases recorded: the whole section text, line endings and surrounding
 * white space normalised. A history row holding it is upgraded to checksumOf on the next run.
 */
export function legacyChecksumOf(sql: string): string {
  return sha256(sql.replace(/\r\n?/g, '\n').trim());
}

/** Both checksums of a section's SQL, as a Migration holds them. */
export function sectionChecksums(sql: string): { checksum: string; legacyChecksum: string } {
  return { checksum: checksumOf(sql), legacyChecksum: legacyChecksumOf(sql) };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The statements' text: comments and white space outside statements dropped. */
export function statementsText(sql: string): string {
  const statements: string[] = [];
  let start = -1; // first character of the current statement, -1 between statements
  let last = -1; // end of the current statement's last token (comments excluded)
  let i = 0;
  while (i < sql.length) {
    const skipped = skipComment(sql, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = sql[i];
    if (c === ';') {
      if (start !== -1) statements.push(sql.slice(start, last));
      start = -1;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (start === -1) start = i;
    i = skipToken(sql, i);
    last = i;
  }
  if (start !== -1) statements.push(sql.slice(start, last));
  return statements.join(';\n');
}

/** The end of a comment at `i`, or `i` when none starts there. Block comments nest, as in PostgreSQL. */
function skipComment(sql: string, i: number): number {
  if (sql.startsWith('--', i)) {
    const nl = sql.indexOf('\n', i);
    return nl === -1 ? sql.length : nl;
  }
  if (!sql.startsWith('/*', i)) return i;
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) { depth++; j += 2; }
    else if (sql.startsWith('*/', j)) { depth--; j += 2; if (depth === 0) return j; }
    else j++;
  }
  return sql.length;
}

/** The end of the token at `i`: a quoted string or identifier, a dollar-quoted body, or one character. */
function skipToken(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'") return skipQuoted(sql, i + 1, "'", /[eE]/.test(sql[i - 1] ?? ''));
  if (c === '"') return skipQuoted(sql, i + 1, '"', false);
  if (c === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
    if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return close === -1 ? sql.length : close + tag[0].length;
    }
  }
  return i + 1;
}

function skipQuoted(sql: string, j: number, quote: string, backslashEscapes: boolean): number {
  while (j < sql.length) {
    if (backslashEscapes && sql[j] === '\\') { j += 2; continue; }
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) { j += 2; continue; }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}
