// Scratch databases: where the schema checks let PostgreSQL build what the migrations and the
// spec describe. Never the project's own database: an in-memory PGlite with pgvector, or a
// throwaway database created on a server the user names and dropped again on close.
import type { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import type { Db, QueryResult } from '../db/types';
import { quoteIdent } from '../db/types';
import { redactUrl } from '../db/redact';

export { openMemoryDatabase } from '../db/embedded';

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

  copyFrom(target: string, chunks: AsyncIterable<string>): Promise<number> {
    return this.inner.copyFrom(target, chunks);
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
