// What the cursor is in, read from the tokens of its statement: the statement being typed rarely
// parses, so this works on the scanner's tokens alone (the same tokens the splitter made).
import type { SqlToken } from '../sql/split';
import type { ParsedStatement } from '../lint/types';

export type CursorContext =
  | { kind: 'tables' }
  | { kind: 'columns'; tables: string[] }
  | { kind: 'indexes' }
  | { kind: 'constraints'; table: string }
  | { kind: 'types' }
  | { kind: 'index-methods' }
  | { kind: 'opclasses'; table: string; column: string; method: string }
  | { kind: 'index-parameters'; method: string }
  | { kind: 'none' };

/** A token's word: a keyword or identifier lower-cased, a quoted identifier unquoted. */
export function wordOf(t: SqlToken | undefined): string | undefined {
  if (!t) return undefined;
  if (t.text.startsWith('"') && t.text.endsWith('"') && t.text.length > 1) return t.text.slice(1, -1).replace(/""/g, '"');
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(t.text) ? t.text.toLowerCase() : undefined;
}

/** The tokens of `stmt` before `offset`, without the word being typed at `offset`. */
export function tokensBefore(stmt: ParsedStatement | undefined, offset: number): SqlToken[] {
  if (!stmt) return [];
  const before = stmt.tokens.filter((t) => t.end <= offset);
  const last = before[before.length - 1];
  if (last && last.end === offset && wordOf(last) !== undefined) before.pop();
  return before;
}

/** `a.b` read backwards from index `end` (inclusive): ['a', 'b'], and the index of its first token. */
function nameEndingAt(tokens: SqlToken[], end: number): { parts: string[]; first: number } | undefined {
  const last = wordOf(tokens[end]);
  if (last === undefined) return undefined;
  const parts = [last];
  let first = end;
  while (first >= 2 && tokens[first - 1].text === '.' && wordOf(tokens[first - 2]) !== undefined) {
    parts.unshift(wordOf(tokens[first - 2])!);
    first -= 2;
  }
  return { parts, first };
}

/** A written table name -> the model's key (unqualified names live in public). */
export function tableKeyOf(parts: string[]): string {
  return parts.length > 1 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : `public.${parts[0]}`;
}

/** The table named right after the words `after` (e.g. ['alter', 'table']), skipping IF EXISTS / ONLY. */
function tableAfter(tokens: SqlToken[], from: number): { key: string; end: number } | undefined {
  let i = from;
  const skip = new Set(['if', 'exists', 'only', 'not', 'concurrently']);
  while (i < tokens.length && skip.has(wordOf(tokens[i]) ?? '')) i++;
  let end = i;
  if (wordOf(tokens[end]) === undefined) return undefined;
  while (end + 2 < tokens.length && tokens[end + 1].text === '.' && wordOf(tokens[end + 2]) !== undefined) end += 2;
  const parts: string[] = [];
  for (let j = i; j <= end; j += 2) parts.push(wordOf(tokens[j])!);
  return { key: tableKeyOf(parts), end };
}

/** Index of the innermost unclosed '(' in `tokens`, or -1. */
function openParen(tokens: SqlToken[]): number {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].text === ')') depth++;
    else if (tokens[i].text === '(') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

const TABLE_WORDS = new Set(['from', 'join', 'into', 'update', 'table', 'references', 'truncate']);
const QUERY_STARTS = new Set(['select', 'update', 'delete', 'insert', 'with']);
const COLUMN_WORDS = new Set(['select', 'where', 'and', 'or', 'by', 'set', 'having', 'on', 'distinct']);

export function cursorContext(all: readonly SqlToken[], before: SqlToken[]): CursorContext {
  const words = before.map(wordOf);
  const prev = before[before.length - 1];
  const prevWord = words[words.length - 1];
  const first = words[0];
  if (prev?.text === '::') return { kind: 'types' };
  const createIndex = first === 'create' && (words[1] === 'index' || (words[1] === 'unique' && words[2] === 'index'));
  if (createIndex) return indexContext(before, words);
  if ((first === 'drop' || first === 'alter') && words[1] === 'index') return indexNameContext(words);
  if (first === 'reindex' && words[1] === 'index') return indexNameContext(words);
  const refs = referencesContext(before, words);
  if (refs) return refs;
  if (first === 'alter' && words[1] === 'table') return alterTableContext(before, words);
  if (first === 'create' && words.includes('table')) return createTableContext(before, words);
  if (prevWord !== undefined && TABLE_WORDS.has(prevWord)) return { kind: 'tables' };
  if (prevWord === 'exists' && words[words.length - 3] === 'if' && TABLE_WORDS.has(words[words.length - 4] ?? '')) return { kind: 'tables' };
  if (first !== undefined && QUERY_STARTS.has(first) && (COLUMN_WORDS.has(prevWord ?? '') || [',', '(', '=', '<', '>', '<>', '!='].includes(prev?.text ?? ''))) {
    return { kind: 'columns', tables: queryTables(all) };
  }
  return { kind: 'none' };
}

function indexContext(before: SqlToken[], words: (string | undefined)[]): CursorContext {
  const on = words.indexOf('on');
  if (on < 0) return { kind: 'none' };
  if (on === words.length - 1 || (words[words.length - 1] === 'only' && on === words.length - 2)) return { kind: 'tables' };
  const table = tableAfter(before, on + 1);
  if (!table) return { kind: 'none' };
  const using = words.indexOf('using', table.end);
  const method = using >= 0 ? words[using + 1] ?? 'btree' : 'btree';
  if (words[words.length - 1] === 'using') return { kind: 'index-methods' };
  const paren = openParen(before);
  if (paren < 0) return { kind: 'none' };
  const prev = before[before.length - 1];
  if (words[paren - 1] === 'with') {
    return prev.text === '(' || prev.text === ',' ? { kind: 'index-parameters', method } : { kind: 'none' };
  }
  if (prev.text === '(' || prev.text === ',') return { kind: 'columns', tables: [table.key] };
  const column = words[words.length - 1];
  const beforeColumn = before[before.length - 2]?.text;
  if (column !== undefined && (beforeColumn === '(' || beforeColumn === ',')) return { kind: 'opclasses', table: table.key, column, method };
  return { kind: 'none' };
}

function indexNameContext(words: (string | undefined)[]): CursorContext {
  const last = words[words.length - 1];
  if (last === 'index' || last === 'concurrently' || last === 'exists' || last === undefined) return { kind: 'indexes' };
  return { kind: 'none' };
}

/** `REFERENCES t (`: the columns of t. */
function referencesContext(before: SqlToken[], words: (string | undefined)[]): CursorContext | undefined {
  const paren = openParen(before);
  if (paren < 1) return undefined;
  const name = nameEndingAt(before, paren - 1);
  if (!name || words[name.first - 1] !== 'references') return undefined;
  const prev = before[before.length - 1].text;
  return prev === '(' || prev === ',' ? { kind: 'columns', tables: [tableKeyOf(name.parts)] } : { kind: 'none' };
}

function alterTableContext(before: SqlToken[], words: (string | undefined)[]): CursorContext {
  const last = words[words.length - 1];
  if (words.length === 2 || ((last === 'exists' || last === 'only') && !words.slice(3, -1).some((w) => w !== 'if' && w !== 'exists' && w !== 'only'))) {
    return { kind: 'tables' };
  }
  const table = tableAfter(before, 2);
  if (!table) return { kind: 'none' };
  const columns: CursorContext = { kind: 'columns', tables: [table.key] };
  // The words since the table name or the last comma: one ALTER TABLE subcommand.
  let from = table.end + 1;
  for (let i = before.length - 1; i > table.end; i--) if (before[i].text === ',') { from = i + 1; break; }
  const cmd = words.slice(from);
  const [w0, w1, w2] = cmd;
  if (cmd.length === 0) return { kind: 'none' };
  if (last === 'type' && cmd.length >= 3) return { kind: 'types' };
  if ((w0 === 'alter' || w0 === 'drop' || w0 === 'rename') && cmd.length === 1) return columns;
  if ((w0 === 'alter' || w0 === 'drop' || w0 === 'rename') && w1 === 'column' && (cmd.length === 2 || (cmd.length === 4 && w2 === 'if'))) return columns;
  if ((w0 === 'drop' || w0 === 'validate' || w0 === 'rename') && w1 === 'constraint' && (cmd.length === 2 || (cmd.length === 4 && w2 === 'if'))) {
    return { kind: 'constraints', table: table.key };
  }
  if (w0 === 'add') {
    // ADD [COLUMN] [IF NOT EXISTS] name |: the new column's type.
    const rest = cmd.slice(w1 === 'column' ? 2 : 1).filter((w) => w !== 'if' && w !== 'not' && w !== 'exists');
    if (rest.length === 1 && w1 !== 'constraint') return { kind: 'types' };
  }
  return { kind: 'none' };
}

/** `CREATE TABLE t (name |`: the column's type. */
function createTableContext(before: SqlToken[], words: (string | undefined)[]): CursorContext {
  const paren = openParen(before);
  if (paren < 0 || openParen(before.slice(0, paren)) >= 0) return { kind: 'none' };
  const prevPrev = before[before.length - 2]?.text;
  if (words[words.length - 1] !== undefined && (prevPrev === '(' || prevPrev === ',') && before.length - 2 >= paren) return { kind: 'types' };
  return { kind: 'none' };
}

/** The tables a query reads or writes: after FROM, JOIN, UPDATE, INTO (anywhere in the statement). */
function queryTables(tokens: readonly SqlToken[]): string[] {
  const out: string[] = [];
  const list = [...tokens];
  for (let i = 0; i + 1 < list.length; i++) {
    const w = wordOf(list[i]);
    if (w !== 'from' && w !== 'join' && w !== 'update' && w !== 'into') continue;
    const t = tableAfter(list, i + 1);
    if (t && !out.includes(t.key)) out.push(t.key);
  }
  return out;
}
