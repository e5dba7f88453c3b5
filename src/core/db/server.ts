// A PostgreSQL server through node-postgres: one client per Db, a second short-lived one to cancel
// a statement or to ask whether the server still works on one.
import { Client, ClientConfig, Query } from 'pg';
import type { Db, QueryResult, ScriptError } from './types';
import { dbErrorFields, isConnectionLoss } from './types';
import { redactUrl } from './redact';
import { SilenceWatch } from './silence-watch';

export interface ServerOptions {
  /**
   * How long the client waits for a connection, and how long a statement may go without an answer
   * before the client asks the server, on a second connection, whether it is still running it.
   */
  networkTimeoutMs?: number;
}

export const DEFAULT_NETWORK_TIMEOUT_MS = 30000;

export async function openServer(config: ClientConfig & { connectionString?: string }, applicationName = 'pgvector-migrator', options: ServerOptions = {}): Promise<Db> {
  const networkTimeoutMs = options.networkTimeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS;
  const clientConfig: ClientConfig = {
    // TCP keepalive finds a peer that vanished without a word (a dropped path, a killed host).
    keepAlive: true,
    keepAliveInitialDelayMillis: Math.min(networkTimeoutMs, 10000),
    connectionTimeoutMillis: networkTimeoutMs,
    ...config,
    application_name: applicationName,
  };
  const client = new Client(clientConfig);
  // A terminated backend emits 'error' on the client; without a listener Node would crash.
  let lostError: Error | undefined;
  client.on('error', (err) => { lostError = err; });
  try {
    await client.connect();
  } catch (err) {
    throw connectError(err, networkTimeoutMs);
  }
  const description = config.connectionString ? redactUrl(config.connectionString) : describeConfig(client);
  const watch = new SilenceWatch(client, clientConfig, networkTimeoutMs, (err) => { lostError ??= err; });
  return new ServerDb(client, clientConfig, description, () => lostError, watch, applicationName, options);
}

function connectError(err: unknown, timeoutMs: number): unknown {
  if (err instanceof Error && /timeout expired/i.test(err.message)) {
    return Object.assign(new Error(`could not reach the server within ${timeoutMs / 1000}s (connection timeout)`), { code: '08001' });
  }
  return err;
}

function describeConfig(client: Client): string {
  const c = client as unknown as { host?: string; port?: number; database?: string; user?: string };
  return `postgres://${c.user ?? ''}@${c.host ?? 'localhost'}:${c.port ?? 5432}/${c.database ?? ''}`;
}

class ServerDb implements Db {
  readonly kind = 'server' as const;

  constructor(
    private readonly client: Client,
    private readonly config: ClientConfig,
    readonly description: string,
    private readonly lostError: () => Error | undefined,
    private readonly watch: SilenceWatch,
    private readonly applicationName: string,
    private readonly options: ServerOptions,
  ) {}

  openSibling(): Promise<Db> {
    return openServer(this.config, `${this.applicationName} (watching)`, this.options);
  }

  onNotice(listener: (message: string) => void): () => void {
    const handler = (n: { message?: string }) => listener(n.message ?? '');
    this.client.on('notice', handler);
    return () => { this.client.off('notice', handler); };
  }

  async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    this.throwIfLost();
    const result = await this.watch.guard(this.client.query({ text: sql, values: params as unknown[] }));
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  }

  async execute(sql: string): Promise<void> {
    this.throwIfLost();
    await this.watch.guard(this.client.query(sql));
  }

  /** All statements in one simple-protocol message; the server stops at the first error. */
  async executeScript(statements: string[]): Promise<void> {
    this.throwIfLost();
    const query = new CountingQuery(statements.join(';\n'));
    await this.watch.guard(new Promise<void>((resolve, reject) => {
      query.callback = (err) => {
        if (!err) return resolve();
        reject(Object.assign(err, { completedStatements: query.completed }) as ScriptError);
      };
      this.client.query(query);
    }));
  }

  async reconnectAfterLoss(): Promise<Db> {
    const fresh = await openServer(this.config, `${this.applicationName} (after a lost connection)`, this.options);
    const pid = (this.client as unknown as { processID?: number }).processID;
    try {
      if (pid) await endSession(fresh, pid, this.options.networkTimeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS);
      return fresh;
    } catch (err) {
      await fresh.close();
      throw err;
    }
  }

  /** One COPY FROM STDIN, written with backpressure; an error from `chunks` sends CopyFail. */
  async copyFrom(target: string, chunks: AsyncIterable<string>): Promise<number> {
    this.throwIfLost();
    const { from } = await import('pg-copy-streams');
    const stream = this.client.query(from(`COPY ${target} FROM STDIN`, { highWaterMark: 1 << 20 }));
    let failed: Error | undefined;
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', (err: Error) => { failed = err; reject(err); });
      stream.on('close', () => resolve());
    });
    finished.catch(() => undefined);
    try {
      for await (const chunk of chunks) {
        if (failed) throw failed;
        if (!stream.write(chunk)) await drainOrClose(stream);
      }
      if (failed) throw failed;
      stream.end();
      await finished;
      if (failed) throw failed;
      return stream.rowCount;
    } catch (err) {
      if (!failed) {
        // CopyFail: the server throws away every row of this COPY and reports an error, awaited here.
        stream.destroy(err as Error);
        await finished.catch(() => undefined);
      }
      throw failed && failed !== err && isConnectionLossError(failed) ? failed : err;
    }
  }

  async cancelRunning(): Promise<void> {
    const pid = (this.client as unknown as { processID?: number }).processID;
    if (!pid) return;
    const canceller = new Client({ ...this.config, application_name: 'pgvector-migrator cancel' });
    canceller.on('error', () => undefined);
    try {
      await canceller.connect();
      await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
    } finally {
      await canceller.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.watch.stop();
    // end() waits for the server's goodbye, which a lost connection never sends.
    if (this.lostError()) destroyStream(this.client);
    else await this.client.end().catch(() => undefined);
  }

  private throwIfLost(): void {
    const err = this.lostError();
    if (err) throw err;
  }
}

function drainOrClose(stream: import('node:stream').Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => { stream.off('drain', done); stream.off('close', done); resolve(); };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function isConnectionLossError(err: Error): boolean {
  return isConnectionLoss(dbErrorFields(err));
}

/**
 * The lost session may still be at work (a COMMIT the server had not finished): end it and wait
 * until it is gone, so that nothing it does can change what is read afterwards.
 */
async function endSession(db: Db, pid: number, withinMs: number): Promise<void> {
  await db.query('SELECT pg_catalog.pg_terminate_backend($1) FROM pg_catalog.pg_stat_activity WHERE pid = $1', [pid]).catch(() => undefined);
  const until = Date.now() + withinMs;
  while ((await db.query('SELECT 1 FROM pg_catalog.pg_stat_activity WHERE pid = $1', [pid])).rowCount > 0) {
    if (Date.now() > until) throw new Error(`the lost session (backend pid ${pid}) is still running after ${withinMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function destroyStream(client: Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/**
 * node-postgres's Query, counting the CommandComplete messages of a multi-statement query so that
 * a failure can be pinned to the statement that failed even when the error has no position.
 */
class CountingQuery extends Query {
  completed = 0;
  callback?: (err: Error | null) => void;

  constructor(text: string) {
    super(text);
  }

  handleCommandComplete(msg: unknown, connection: unknown): void {
    this.completed++;
    (Query.prototype as unknown as { handleCommandComplete(m: unknown, c: unknown): void }).handleCommandComplete.call(this, msg, connection);
  }
}
