// One small interface over a database connection, so the same runner and checks run on the
// embedded PGlite and on a PostgreSQL server.

export interface QueryResult<R = Record<string, unknown>> {
  rows: R[];
  rowCount: number;
}

export interface Db {
  readonly kind: 'server' | 'embedded';
  /** For messages: "the embedded database in .pgvector-migrator/db" or the URL without password. */
  readonly description: string;
  /** One parameterised statement ($1, $2, ...), extended protocol. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** One statement of migration SQL exactly as written (simple protocol; no parameters). */
  execute(sql: string): Promise<void>;
  /**
   * Runs statements as one script (one round trip on a server). On failure the driver's error is
   * thrown with `completedStatements`: how many of them had completed before the failing one.
   */
  executeScript(statements: string[]): Promise<void>;
  /**
   * COPY `target` (a quoted table and column list) FROM rows in COPY's text format, each chunk
   * whole rows. A server streams them over one COPY FROM STDIN; the embedded database runs one
   * COPY FROM '/dev/blob' a chunk. Runs in the caller's transaction; returns the rows copied.
   * An error thrown by `chunks` aborts the COPY (nothing of it stays) and is rethrown.
   */
  copyFrom(target: string, chunks: AsyncIterable<string>): Promise<number>;
  /** Cancels the statement running on this connection, if any. */
  cancelRunning(): Promise<void>;
  /**
   * After this connection was lost: a fresh one to the same database, on which this connection's
   * session is provably over (ended if it lingered), so that what it reads is final. Absent
   * where a connection cannot be lost (the embedded database lives in this process).
   */
  reconnectAfterLoss?(): Promise<Db>;
  /** A second connection to the same database, for watching this one (index build progress). Servers only. */
  openSibling?(): Promise<Db>;
  /** Calls `listener` with each NOTICE or WARNING the server sends this connection; returns the unsubscribe. */
  onNotice?(listener: (message: string) => void): () => void;
  close(): Promise<void>;
}

/** A server error, with the fields PostgreSQL sends (all optional: drivers and errors differ). */
export interface DbErrorFields {
  message: string;
  code?: string;
  /** 1-based character position in the statement text sent, when the server gives one. */
  position?: number;
  detail?: string;
  hint?: string;
  where?: string;
}

export function dbErrorFields(err: unknown): DbErrorFields {
  const e = (err ?? {}) as Record<string, unknown>;
  const position = e.position === undefined || e.position === null || e.position === '' ? undefined : Number(e.position);
  return {
    message: typeof e.message === 'string' ? e.message : String(err),
    code: typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined,
    position: Number.isFinite(position) ? position : undefined,
    detail: typeof e.detail === 'string' && e.detail ? e.detail : undefined,
    hint: typeof e.hint === 'string' && e.hint ? e.hint : undefined,
    where: typeof e.where === 'string' && e.where ? e.where : undefined,
  };
}

/** SQLSTATE class 08 and the admin shutdown codes: the connection is gone, not the statement wrong. */
export function isConnectionLoss(fields: DbErrorFields): boolean {
  if (fields.code && (fields.code.startsWith('08') || fields.code === '57P01' || fields.code === '57P02' || fields.code === '57P03')) return true;
  return /Connection terminated|ECONNRESET|ECONNREFUSED|EPIPE|Client has encountered a connection error|not queryable/i.test(fields.message);
}

/** Quotes an identifier the way quote_ident does. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** "public.history" -> "public"."history" with each part quoted as needed. */
export function quoteQualified(name: string): string {
  return name.split('.').map(quoteIdent).join('.');
}

const RESERVED = new Set(['all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast', 'check', 'collate', 'column', 'constraint', 'create', 'current_catalog', 'current_date', 'current_role', 'current_time', 'current_timestamp', 'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign', 'from', 'grant', 'group', 'having', 'in', 'initially', 'intersect', 'into', 'lateral', 'leading', 'limit', 'localtime', 'localtimestamp', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary', 'references', 'returning', 'select', 'session_user', 'some', 'symmetric', 'system_user', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'variadic', 'when', 'where', 'window', 'with']);

/** The error of executeScript: the driver's error plus where in the script it happened. */
export interface ScriptError extends Error {
  completedStatements: number;
}

/** A string as an SQL literal, the way libpq's PQescapeLiteral does it. */
export function quoteLiteral(value: string): string {
  const escaped = value.replace(/'/g, "''");
  return value.includes('\\') ? ` E'${escaped.replace(/\\/g, '\\\\')}'` : `'${escaped}'`;
}
