// Warm scratch databases, reused across checks: a PGlite cold start takes seconds, a reset a
// fraction of one. `use` hands out a database emptied back to what it held when it was created.
import type { Db } from '../db/types';
import { quoteIdent } from '../db/types';
import { openMemoryDatabase, openThrowawayServerDatabase } from './scratch-db';

export interface ScratchPoolOptions {
  /** A PostgreSQL server (with pgvector) to create throwaway databases on; default: PGlite in memory. */
  serverUrl?: string;
  /** How many scratch databases may exist at once; further callers wait for one (default 1). */
  size?: number;
  /** PGlite extensions to load besides pgvector (what the migrations create). */
  extensions?: readonly string[];
  /** Runs on every scratch database once it is empty (the config's `setup`). */
  prepare?: (db: Db) => Promise<void>;
}

/** A scratch database lent out by the pool. */
export interface Scratch {
  readonly db: Db;
  /** Empties the database again (schemas, extensions, roles it did not start with). */
  reset(): Promise<void>;
}

interface Entry {
  db: Db;
  baseline: Baseline;
  busy: boolean;
}

export interface Baseline {
  extensions: Set<string>;
  /** Roles that existed at creation; only the embedded database drops the others. */
  roles: Set<string>;
}

export class ScratchPool {
  private readonly entries: Entry[] = [];
  private readonly waiters: (() => void)[] = [];
  private creating = 0;
  private disposed = false;
  private readonly size: number;

  constructor(private readonly options: ScratchPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 1);
  }

  /** Where checks run, for messages. */
  get description(): string {
    return this.options.serverUrl ? 'a throwaway database on the given server' : 'a scratch database (embedded PGlite, in memory)';
  }

  /** Starts one scratch database now, so that the first check does not wait for a cold start. */
  async warm(): Promise<void> {
    await this.use(async () => undefined);
  }

  async use<T>(work: (scratch: Scratch) => Promise<T>): Promise<T> {
    const entry = await this.acquireReset();
    const scratch: Scratch = { db: entry.db, reset: () => this.reset(entry) };
    try {
      return await work(scratch);
    } finally {
      await this.release(entry, false);
    }
  }

  /** A database that a reset emptied; one whose reset fails (a lost server connection) is replaced once. */
  private async acquireReset(): Promise<Entry> {
    for (let attempt = 0; ; attempt++) {
      const entry = await this.acquire();
      try {
        await this.reset(entry);
        return entry;
      } catch (err) {
        await this.release(entry, true);
        if (attempt > 0) throw err;
      }
    }
  }

  private async reset(entry: Entry): Promise<void> {
    await resetDatabase(entry.db, entry.baseline);
    await this.options.prepare?.(entry.db);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const idle = this.entries.filter((e) => !e.busy);
    for (const e of idle) this.entries.splice(this.entries.indexOf(e), 1);
    await Promise.all(idle.map((e) => e.db.close().catch(() => undefined)));
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async acquire(): Promise<Entry> {
    for (;;) {
      if (this.disposed) throw new Error('the scratch database pool was disposed');
      const idle = this.entries.find((e) => !e.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.entries.length + this.creating < this.size) {
        this.creating++;
        try {
          const db = this.options.serverUrl ? await openThrowawayServerDatabase(this.options.serverUrl) : await openMemoryDatabase(undefined, this.options.extensions);
          const entry: Entry = { db, baseline: await readBaseline(db), busy: true };
          this.entries.push(entry);
          return entry;
        } finally {
          this.creating--;
        }
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private async release(entry: Entry, broken: boolean): Promise<void> {
    entry.busy = false;
    if (broken || this.disposed) {
      this.entries.splice(this.entries.indexOf(entry), 1);
      await entry.db.close().catch(() => undefined);
    }
    this.waiters.shift()?.();
  }
}

async function readBaseline(db: Db): Promise<Baseline> {
  const ext = await db.query<{ extname: string }>('SELECT extname FROM pg_extension');
  const roles = await db.query<{ rolname: string }>('SELECT rolname FROM pg_roles');
  return { extensions: new Set(ext.rows.map((r) => r.extname)), roles: new Set(roles.rows.map((r) => r.rolname)) };
}

const SYSTEM_SCHEMA = `nspname IN ('pg_catalog', 'information_schema', 'pg_toast') OR nspname LIKE 'pg\\_temp\\_%' OR nspname LIKE 'pg\\_toast\\_temp\\_%'`;

/** Back to an empty public schema: what a migration set expects to start from. */
export async function resetDatabase(db: Db, baseline: Baseline): Promise<void> {
  // A failed check may leave a transaction open; ROLLBACK outside one is only a warning.
  await db.execute('ROLLBACK');
  await db.execute('RESET ALL');
  // The catalog query is costed high enough for JIT, whose compile time dwarfs the query itself.
  await db.execute('SET jit = off');
  await db.execute('DEALLOCATE ALL');
  const events = await db.query<{ evtname: string }>('SELECT evtname FROM pg_event_trigger');
  for (const e of events.rows) await db.execute(`DROP EVENT TRIGGER IF EXISTS ${quoteIdent(e.evtname)}`);
  const extensions = await db.query<{ extname: string }>('SELECT extname FROM pg_extension');
  for (const e of extensions.rows) {
    if (!baseline.extensions.has(e.extname)) await db.execute(`DROP EXTENSION IF EXISTS ${quoteIdent(e.extname)} CASCADE`);
  }
  const schemas = await db.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE NOT (${SYSTEM_SCHEMA}) ORDER BY 1`);
  for (const s of schemas.rows) await db.execute(`DROP SCHEMA IF EXISTS ${quoteIdent(s.nspname)} CASCADE`);
  // As initdb makes it (PostgreSQL 14+); before 14 there is no pg_database_owner role.
  await db.execute('CREATE SCHEMA public AUTHORIZATION pg_database_owner').catch(() => db.execute('CREATE SCHEMA public'));
  await db.execute('GRANT USAGE ON SCHEMA public TO PUBLIC');
  if (db.kind === 'embedded') {
    // Roles are cluster-wide: on a shared server they may be someone else's, so only here.
    const roles = await db.query<{ rolname: string }>('SELECT rolname FROM pg_roles');
    for (const r of roles.rows) {
      if (baseline.roles.has(r.rolname)) continue;
      await db.execute(`DROP OWNED BY ${quoteIdent(r.rolname)} CASCADE`);
      await db.execute(`DROP ROLE IF EXISTS ${quoteIdent(r.rolname)}`);
    }
  }
}
