// The embedded database: PGlite (PostgreSQL in WebAssembly) with pgvector, one data directory per
// project, guarded by a lock file because PGlite allows one process at a time (embedded-lock.ts).
// Every process holds it for one action only and lets go at once; docs/embedded-database.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Db, QueryResult, ScriptError } from './types';
import { MigratorError } from '../errors';
import { acquireEmbeddedLock, LockWaitOptions } from './embedded-lock';
import { LOADABLE_EXTENSIONS, pgliteExtensions } from './pglite-extensions';

export const EMBEDDED_DIR = '.pgvector-migrator';

export function embeddedDataDir(projectDir: string): string {
  return path.join(projectDir, EMBEDDED_DIR, 'db');
}

/** The lock file beside the data directory: who holds the database now (embedded-lock.ts). */
export function embeddedLockFile(projectDir: string): string {
  return path.join(path.dirname(embeddedDataDir(projectDir)), 'db.lock');
}

/**
 * Touched by every process after an action that wrote to the database, once it has let go of it:
 * a long-lived reader (the editor's Migrations view) watches it to show what another process did.
 */
export function embeddedChangeMarker(projectDir: string): string {
  return path.join(path.dirname(embeddedDataDir(projectDir)), 'db.changed');
}

/** What the change marker holds: who wrote to the database, and when. */
export interface ChangeMarker {
  pid: number;
  command: string;
  at: string;
}

/** How to wait when another process holds the database (embedded-lock.ts). */
export interface EmbeddedOpenOptions extends LockWaitOptions {
  /** PGlite extensions to load besides pgvector (those the migrations create). */
  extensions?: readonly string[];
}

export async function openEmbedded(projectDir: string, who = 'pgvector-migrator', options: EmbeddedOpenOptions = {}): Promise<Db> {
  const dataDir = embeddedDataDir(projectDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  ensureGitignore(path.dirname(dataDir));
  const lock = await acquireEmbeddedLock(embeddedLockFile(projectDir), who, options);
  try {
    const pg = await startPglite(dataDir, await loadModules(), rememberExtensions(projectDir, options.extensions ?? []));
    const description = `the embedded database in ${path.relative(process.cwd(), dataDir) || dataDir}`;
    const walAtOpen = await walPosition(pg);
    return new EmbeddedDb(pg, description, await availableExtensions(pg), async (closePglite) => {
      // Marked only when the action wrote something: a read never makes the others read again.
      const changed = walAtOpen === undefined || (await walPosition(pg)) !== walAtOpen;
      try {
        await closePglite();
      } finally {
        lock.release();
        if (changed) touchChangeMarker(projectDir, who);
      }
    });
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** PGlite and its pgvector extension, as imported once per process. */
export interface WarmModules {
  PGlite: typeof import('@electric-sql/pglite').PGlite;
  vector: typeof import('@electric-sql/pglite-pgvector').vector;
}

let loading: Promise<WarmModules> | undefined;

/** PGlite and pgvector's modules, imported once per process (loaded on demand: they are large). */
function loadModules(): Promise<WarmModules> {
  loading ??= (async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { vector } = await import('@electric-sql/pglite-pgvector');
    return { PGlite, vector };
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** Starts PGlite on the data directory; a failure names the folder and what to do, not a stack. */
async function startPglite(dataDir: string, warm: WarmModules, extensions: readonly string[]): Promise<PGliteLike> {
  const stderr: string[] = [];
  try {
    const pg = await warm.PGlite.create(dataDir, {
      extensions: await pgliteExtensions(extensions),
      onStderr: (line: string) => { stderr.push(line); if (stderr.length > 20) stderr.shift(); return false; },
    });
    return pg as unknown as PGliteLike;
  } catch (err) {
    const reported = stderr.filter((l) => /FATAL|PANIC|ERROR|invalid|corrupt|checksum/i.test(l)).slice(-3);
    throw new MigratorError(`the embedded database in ${dataDir} could not be opened: ${err instanceof Error ? err.message : String(err)}`, {
      location: { file: dataDir },
      detail: [
        'No other process had it open (its lock was taken first), so the data directory itself is likely damaged or was written by an incompatible PGlite version.',
        ...reported,
      ].join(' '),
      fix: `move the folder aside (rename ${path.basename(dataDir)} to ${path.basename(dataDir)}.damaged) and run \`pgvector-migrator up\` to build a fresh embedded database from the migrations; keep the old folder if it holds data you need`,
      cause: err,
    });
  }
}

async function walPosition(pg: PGliteLike): Promise<string | undefined> {
  try {
    const r = await pg.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    return r.rows[0]?.lsn;
  } catch {
    return undefined;
  }
}

function touchChangeMarker(projectDir: string, who: string): void {
  const file = embeddedChangeMarker(projectDir);
  const marker: ChangeMarker = { pid: process.pid, command: who, at: new Date().toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(marker));
    fs.renameSync(tmp, file);
  } catch {
    // A marker not written only delays what another window shows until its next refresh.
  }
}

/** Reads the change marker; undefined when there is none (or it is being replaced). */
export function readChangeMarker(projectDir: string): ChangeMarker | undefined {
  try {
    return JSON.parse(fs.readFileSync(embeddedChangeMarker(projectDir), 'utf8')) as ChangeMarker;
  } catch {
    return undefined;
  }
}

/** PGlite with pgvector in memory: nothing on disk, no lock file, gone when closed (scratch work). */
export async function openMemoryDatabase(description = 'a scratch database (embedded PGlite, in memory)', extensions: readonly string[] = []): Promise<Db> {
  // Loaded on demand: PGlite is large and a cold start takes seconds; callers keep it warm.
  const { PGlite } = await loadModules();
  const pg = await PGlite.create({ extensions: await pgliteExtensions(extensions) });
  return new EmbeddedDb(pg as unknown as PGliteLike, description, await availableExtensions(pg as unknown as PGliteLike), (closePglite) => closePglite());
}

/** The folder holds machine-local state only; keep it out of version control by itself. */
function ensureGitignore(dir: string): void {
  const file = path.join(dir, '.gitignore');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# local state of pgvector-migrator (embedded database)\n*\n');
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
  const file = path.join(path.dirname(embeddedDataDir(projectDir)), 'extensions.json');
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

interface PGliteLike {
  query<R>(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

class EmbeddedDb implements Db {
  readonly kind = 'embedded' as const;
  private closed = false;

  /** `close` is handed the closing of PGlite, to do what must happen around it (the lock). */
  constructor(
    private readonly pg: PGliteLike, readonly description: string, private readonly extensions: readonly string[],
    private readonly closer: (closePglite: () => Promise<void>) => Promise<void>,
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

  /** PGlite has no COPY FROM STDIN: each chunk is a Blob read by COPY FROM '/dev/blob'. */
  async copyFrom(target: string, chunks: AsyncIterable<string>): Promise<number> {
    let rows = 0;
    for await (const chunk of chunks) {
      const result = await this.pg.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([chunk]) });
      rows += result.affectedRows ?? 0;
    }
    return rows;
  }

  async cancelRunning(): Promise<void> {
    // PGlite runs a statement to its end in this thread; the runner stops between statements.
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.closer(() => this.pg.close());
  }
}
