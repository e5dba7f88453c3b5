// The indexes a migration's statements build, and which of them the database holds INVALID.
// A CREATE INDEX CONCURRENTLY that fails or is cancelled leaves its index behind, invalid: it
// costs writes and answers no query, and a retried `CREATE INDEX CONCURRENTLY IF NOT EXISTS`
// finds it and does nothing. So a retry drops them first, and no run records a migration
// applied while an index it built is invalid.
import type { Db } from '../db/types';
import { quoteIdent } from '../db/types';
import type { SqlStatement, SqlToken } from '../sql/split';

/**
 * Schema-qualified, quoted names of the indexes that CREATE INDEX statements name. An index
 * lives in its table's schema; an unqualified table resolves through search_path, as the
 * statement's did. Unnamed indexes (`CREATE INDEX ON t (c)`) get a name from the server and are
 * not listed.
 */
export function indexesBuiltBy(statements: SqlStatement[]): string[] {
  const names: string[] = [];
  for (const stmt of statements) {
    const name = builtIndexName(stmt.kind === 'sql' ? stmt.tokens : []);
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

function builtIndexName(tokens: SqlToken[]): string | undefined {
  let i = 0;
  const word = () => tokens[i]?.keyword;
  if (word() !== 'create') return undefined;
  i++;
  if (word() === 'unique') i++;
  if (word() !== 'index') return undefined;
  i++;
  if (word() === 'concurrently') i++;
  if (word() === 'if' && tokens[i + 1]?.keyword === 'not' && tokens[i + 2]?.keyword === 'exists') i += 3;
  if (word() === 'on') return undefined;
  const index = identifier(tokens[i++]);
  if (!index || word() !== 'on') return undefined;
  i++;
  if (word() === 'only') i++;
  const schema = tokens[i + 1]?.text === '.' ? identifier(tokens[i]) : undefined;
  return schema ? `${quoteIdent(schema)}.${quoteIdent(index)}` : quoteIdent(index);
}

function identifier(token: SqlToken | undefined): string | undefined {
  if (!token) return undefined;
  if (token.text.startsWith('"')) return token.text.slice(1, -1).replace(/""/g, '"');
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(token.text) ? token.text.toLowerCase() : undefined;
}

/** Those of `names` that exist and are not valid (pg_index.indisvalid false), as the server names them. */
export async function invalidIndexes(db: Db, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const r = await db.query<{ name: string }>(
    `SELECT i.indexrelid::regclass::text AS name
       FROM unnest($1::text[]) AS n(name)
       JOIN pg_catalog.pg_index i ON i.indexrelid = to_regclass(n.name)
      WHERE NOT i.indisvalid`,
    [names],
  );
  return r.rows.map((row) => row.name);
}

/** Drops each invalid index without blocking writes to its table; runs outside a transaction. */
export async function dropInvalidIndexes(db: Db, names: string[]): Promise<string[]> {
  const invalid = await invalidIndexes(db, names);
  for (const name of invalid) await db.execute(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
  return invalid;
}

/** "index a left invalid" / "indexes a, b left invalid", for status and messages. */
export function describeInvalid(names: string[]): string {
  return `${names.length === 1 ? 'index' : 'indexes'} ${names.join(', ')} left invalid`;
}
