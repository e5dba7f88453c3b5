// A PostgreSQL server through node-postgres: one client per Db, a second short-lived one to cancel.
import { Client, ClientConfig, Query } from 'pg';
import type { Db, QueryResult, ScriptError } from './types';
import { dbErrorFields, isConnectionLoss } from './types';
import { redactUrl } from './redact';

export async function openServer(config: ClientConfig & { connectionString?: string }, applicationName = 'pgvector-migrator'): Promise<Db> {
  const clientConfig: ClientConfig = { ...config, application_name: applicationName };
  const client = new Client(clientConfig);
  // A terminated backend emits 'error' on the client; without a listener Node would crash.
  let lostError: Error | undefined;
  client.on('error', (err) => { lostError = err; });
  await client.connect();
  const description = config.connectionString ? redactUrl(config.connectionString) : describeConfig(client);
  return new ServerDb(client, clientConfig, description, () => lostError);
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
  ) {}

  async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    this.throwIfLost();
    const result = await this.client.query({ text: sql, values: params as unknown[] });
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  }

  async execute(sql: string): Promise<void> {
    this.throwIfLost();
    await this.client.query(sql);
  }

  /** All statements in one simple-protocol message; the server stops at the first error. */
  async executeScript(statements: string[]): Promise<void> {
    this.throwIfLost();
    const query = new CountingQuery(statements.join(';\n'));
    await new Promise<void>((resolve, reject) => {
      query.callback = (err) => {
        if (!err) return resolve();
        reject(Object.assign(err, { completedStatements: query.completed }) as ScriptError);
      };
      this.client.query(query);
    });
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
    await this.client.end().catch(() => undefined);
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
