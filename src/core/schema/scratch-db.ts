// Scratch databases: where the schema checks let PostgreSQL build what the migrations and the
// spec describe. Never the project's own database: an in-memory PGlite with pgvector, or a
// throwaway database created on a server the user names and dropped again on close.
import type { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import type { Db, QueryResult, ScriptError } from '../db/types';
import { quoteIdent } from '../db/types';
import { redactUrl } from '../db/redact';

interface PGliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

/** PGlite with pgvector in memory: nothing on disk, no lock file, gone when closed. */
export async function openMemoryDatabase(): Promise<Db> {
  // Loaded on demand: PGlite is large and a cold start takes seconds; callers keep it warm.
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const pg = await PGlite.create({ extensions: { vector } });
  return new MemoryDb(pg as unknown as PGliteLike);
}

class MemoryDb implements Db {
  readonly kind = 'embedded' as const;
  readonly description = 'a scratch database (embedded PGlite, in memory)';
  private closed = false;

  constructor(private readonly pg: PGliteLike) {}

  async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(sql, params);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  async execute(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  async executeScript(statements: string[]): Promise<void> {
    let completed = 0;
    try {
      for (const sql of statements) {
        await this.pg.exec(sql);
        completed++;
      }
    } catch (err) {
      throw Object.assign(err as Error, { completedStatements: completed }) as ScriptError;
    }
  }

  async cancelRunning(): Promise<void> {
    // PGlite runs a statement to its end in this thread; the checks stop between statements.
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pg.close();
  }
}

/**
 * CREATE DATABASE on the server `url` points at, connected as its user; close() drops it again.
 * The name says who made it, so a database left by a killed process is recognisable.
 */
export async function openThrowawayServerDatabase(url: string): Promise<Db> {
  const name = `pgvm_scratch_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  let db: Db;
  try {
    const { openServer } = await import('../db/server'); // pg only loads when a server is used
    db = await openServer({ connectionString: urlWithDatabase(url, name) }, 'pgvector-migrator scratch');
  } catch (err) {
    await dropDatabase(url, name).catch(() => undefined);
    throw err;
  }
  return new ThrowawayDb(db, url, name);
}

class ThrowawayDb implements Db {
  readonly kind = 'server' as const;
  readonly description: string;
  private closed = false;

  constructor(private readonly inner: Db, private readonly serverUrl: string, private readonly name: string) {
    this.description = `a scratch database ${name} on ${redactUrl(serverUrl)} (dropped afterwards)`;
  }

  query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.inner.query<R>(sql, params);
  }

  execute(sql: string): Promise<void> {
    return this.inner.execute(sql);
  }

  executeScript(statements: string[]): Promise<void> {
    return this.inner.executeScript(statements);
  }

  cancelRunning(): Promise<void> {
    return this.inner.cancelRunning();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.inner.close();
    await dropDatabase(this.serverUrl, this.name);
  }
}

function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function withAdmin<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const { Client: PgClient } = await import('pg');
  const client = new PgClient({ connectionString: url, application_name: 'pgvector-migrator scratch' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropDatabase(url: string, name: string): Promise<void> {
  // WITH (FORCE) (PostgreSQL 13+): a backend of ours that is still closing must not keep it alive.
  await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
