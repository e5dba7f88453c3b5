// The embedded database: PGlite (PostgreSQL in WebAssembly) with pgvector, one data directory per
// project, guarded by a lock file because PGlite allows one process at a time.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Db, QueryResult, ScriptError } from './types';
import { MigratorError } from '../errors';
import { LOADABLE_EXTENSIONS, pgliteExtensions } from './pglite-extensions';

export const EMBEDDED_DIR = '.pgvector-migrator';

export function embeddedDataDir(projectDir: string): string {
  return path.join(projectDir, EMBEDDED_DIR, 'db');
}

interface LockInfo {
  pid: number;
  host: string;
  command: string;
  since: string;
}

/** `extensions`: PGlite extensions to load besides pgvector (those the migrations create). */
export async function openEmbedded(projectDir: string, who = 'pgvector-migrator', extensions: readonly string[] = []): Promise<Db> {
  const dataDir = embeddedDataDir(projectDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  ensureGitignore(path.join(projectDir, EMBEDDED_DIR));
  const lockFile = path.join(projectDir, EMBEDDED_DIR, 'db.lock');
  takeLock(lockFile, who);
  try {
    // Loaded on demand: PGlite is large and only the embedded path needs it.
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = await PGlite.create(dataDir, { extensions: await pgliteExtensions(rememberExtensions(projectDir, extensions)) });
    const description = `the embedded database in ${path.relative(process.cwd(), dataDir) || dataDir}`;
    return new EmbeddedDb(pg as unknown as PGliteLike, description, () => releaseLock(lockFile), await availableExtensions(pg as unknown as PGliteLike));
  } catch (err) {
    releaseLock(lockFile);
    throw err;
  }
}

/** PGlite with pgvector in memory: nothing on disk, no lock file, gone when closed (scratch work). */
export async function openMemoryDatabase(description = 'a scratch database (embedded PGlite, in memory)', extensions: readonly string[] = []): Promise<Db> {
  // Loaded on demand: PGlite is large and a cold start takes seconds; callers keep it warm.
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create({ extensions: await pgliteExtensions(extensions) });
  return new EmbeddedDb(pg as unknown as PGliteLike, description, () => undefined, await availableExtensions(pg as unknown as PGliteLike));
}

/** Read once at open: after a failed statement inside a transaction, nothing more can be asked. */
async function availableExtensions(pg: PGliteLike): Promise<string[]> {
  const r = await pg.query<{ name: string }>('SELECT name FROM pg_catalog.pg_available_extensions ORDER BY name');
  return r.rows.map((row) => row.name);
}

/**
 * PostgreSQL's hint for an extension it lacks ("must first be installed on the system where
 * PostgreSQL is running") sends the user to a system they cannot install into: say what the
 * embedded database provides and where the extension can be had instead.
 */
export function explainMissingExtension(err: unknown, available: readonly string[]): void {
  const e = err as { code?: unknown; message?: unknown; hint?: unknown };
  const m = typeof e?.message === 'string' && e.code === '0A000' ? /extension "([^"]+)" is not available/.exec(e.message) : null;
  if (!m) return;
  const onDemand = LOADABLE_EXTENSIONS.filter((x) => !available.includes(x));
  e.hint = `the embedded database (PGlite) provides only these extensions: ${available.join(', ')}` +
    `${onDemand.length > 0 ? `, and loads these when a migration creates them: ${onDemand.join(', ')}` : ''}. ` +
    `Run against a PostgreSQL server that has ${m[1]} installed (--database-url URL, or DATABASE_URL), ` +
    `or leave ${m[1]} out of what the embedded database runs`;
}

/**
 * An extension created once must load at every later open (its objects need its library), by the
 * CLI and the editor alike: the data directory keeps the list of what it ever loaded.
 */
function rememberExtensions(projectDir: string, wanted: readonly string[]): string[] {
  const file = path.join(projectDir, EMBEDDED_DIR, 'extensions.json');
  let known: string[] = [];
  try {
    known = JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
  } catch {
    // first open, or an unreadable list: start from what is asked for
  }
  const all = [...new Set([...known, ...wanted.filter((e) => LOADABLE_EXTENSIONS.includes(e) && e !== 'vector')])].sort();
  if (all.length !== known.length) fs.writeFileSync(file, JSON.stringify(all) + '\n');
  return all;
}

/** The folder holds machine-local state only; keep it out of version control by itself. */
function ensureGitignore(dir: string): void {
  const file = path.join(dir, '.gitignore');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# local state of pgvector-migrator (embedded database)\n*\n');
}

function takeLock(lockFile: string, who: string): void {
  const info: LockInfo = { pid: process.pid, host: os.hostname(), command: who, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(info), { flag: 'wx' });
      releaseOnExit(lockFile);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(lockFile);
      if (holder && holderIsAlive(holder)) {
        throw new MigratorError(
          `the embedded database is in use by process ${holder.pid} (${holder.command}, since ${holder.since})`,
          {
            location: { file: lockFile },
            detail: 'PGlite, the embedded PostgreSQL, allows one process at a time.',
            fix: holder.command.includes('VS Code')
              ? 'close the VS Code window that has this project open (it releases the database after a minute idle), or pass --database-url to use a server'
              : `wait for process ${holder.pid} to finish, or pass --database-url to use a server`,
          },
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new MigratorError(`could not take the embedded database lock ${lockFile}`);
}

function readLock(lockFile: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

function holderIsAlive(holder: LockInfo): boolean {
  if (holder.host !== os.hostname()) return true; // cannot check another machine: assume alive
  if (holder.pid === process.pid) return true; // open elsewhere in this very process
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const heldLocks = new Set<string>();
let exitHookInstalled = false;
function releaseOnExit(lockFile: string): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => heldLocks.forEach(releaseLock));
  }
  heldLocks.add(lockFile);
}

function releaseLock(lockFile: string): void {
  heldLocks.delete(lockFile);
  const holder = readLock(lockFile);
  if (holder?.pid === process.pid) fs.rmSync(lockFile, { force: true });
}

interface PGliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

class EmbeddedDb implements Db {
  readonly kind = 'embedded' as const;
  private closed = false;

  constructor(
    private readonly pg: PGliteLike, readonly description: string, private readonly onClosed: () => void,
    private readonly extensions: readonly string[],
  ) {}

  async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    try {
      const result = await this.pg.query<R>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    } catch (err) {
      explainMissingExtension(err, this.extensions);
      throw err;
    }
  }

  async execute(sql: string): Promise<void> {
    try {
      await this.pg.exec(sql);
    } catch (err) {
      explainMissingExtension(err, this.extensions);
      throw err;
    }
  }

  /**
   * In-process, a round trip costs nothing: run one statement at a time and count. A position in
   * the error is made relative to the whole script, as a server reports it.
   */
  async executeScript(statements: string[]): Promise<void> {
    let completed = 0;
    let scriptOffset = 0;
    try {
      for (const sql of statements) {
        await this.pg.exec(sql);
        completed++;
        scriptOffset += sql.length + 2; // the ";\n" that joins statements in a script
      }
    } catch (err) {
      explainMissingExtension(err, this.extensions);
      const e = err as Error & { position?: string | number };
      if (e.position !== undefined && e.position !== null && e.position !== '') e.position = String(Number(e.position) + scriptOffset);
      throw Object.assign(e, { completedStatements: completed }) as ScriptError;
    }
  }

  async cancelRunning(): Promise<void> {
    // PGlite runs a statement to its end in this thread; the runner stops between statements.
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.pg.close();
    } finally {
      this.onClosed();
    }
  }
}
