// The lock file that keeps a second process out of the embedded database's data directory: PGlite
// admits one process at a time, and two on one directory is how it gets damaged. See
// docs/embedded-database.md for the design and why.
//
// - Taking it is atomic: the content is written to a private temporary file first and then
//   hard-linked into place, which fails if the lock exists. A reader never sees a lock without
//   its content, and where hard links are not supported (FAT, some network shares) an exclusive
//   create is used and an empty or unreadable lock counts as held until it is old.
// - A lock is stale, and taken over, only when its holder provably is not ours any more: its
//   process is gone, its process id now belongs to a process started later (pid reuse), the
//   machine restarted since, or it was written on another host (a rebuilt container).
// - Taking over goes through a second, short-lived lock (the takeover guard), so two processes
//   that both judge a lock stale cannot both delete it and each take the directory.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { durationToMs } from '../config/config';
import { MigratorError } from '../errors';

/** What a lock file says about its holder. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Who holds it, for messages: "pgvector-migrator CLI (up)", "pgvector Migrator in VS Code". */
  command: string;
  since: string;
  /** Unique per taking: a holder releases only its own lock. */
  nonce?: string;
  /** Linux: the holder's start time in clock ticks since boot (/proc/PID/stat field 22). */
  startTicks?: string;
  /** Linux: the boot the holder ran in (/proc/sys/kernel/random/boot_id). */
  bootId?: string;
}

export interface LockWaitOptions {
  /** How long to wait for another process to release it; 0 fails at once. */
  waitMs?: number;
  /** Aborting stops the wait (Ctrl-C, the editor's Cancel). */
  signal?: AbortSignal;
  /** Told when the lock is found held (again when the holder changes): say who we wait for. */
  onWait?: (holder: HeldBy) => void;
  /** Told when a stale lock was taken over, with why it was stale. */
  onTakeOver?: (holder: LockHolder | undefined, reason: string) => void;
  /** How often to look again while waiting (ms). */
  pollMs?: number;
}

/** Who holds the lock, as far as can be told. */
export interface HeldBy {
  holder?: LockHolder;
  /** One line: "process 123 (pgvector-migrator CLI (up), since 2026-...)". */
  description: string;
  /** Set when it could not be proved that the holder is still ours: say how to clear it. */
  doubt?: string;
}

export interface EmbeddedLock {
  readonly file: string;
  release(): void;
}

/** An empty or unreadable lock younger than this is being written (or was, by an older version). */
const UNREADABLE_GRACE_MS = 10_000;
/** The takeover guard is held for microseconds; one older than this was left by a killed process. */
const GUARD_STALE_MS = 5_000;

type Verdict = { state: 'free' } | { state: 'held'; held: HeldBy } | { state: 'stale'; holder?: LockHolder; reason: string; content: string };

export async function acquireEmbeddedLock(lockFile: string, who: string, options: LockWaitOptions = {}): Promise<EmbeddedLock> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  const pollMs = options.pollMs ?? 100;
  let told: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw cancelled(lockFile, told ?? lockHolder(lockFile)?.description);
    const mine = ownHolder(who);
    if (tryLink(lockFile, mine)) return held(lockFile, mine);
    const verdict = inspect(lockFile);
    if (verdict.state === 'free') continue;
    if (verdict.state === 'stale') {
      if (removeStale(lockFile, verdict.content)) options.onTakeOver?.(verdict.holder, verdict.reason);
      continue;
    }
    if (Date.now() >= deadline) throw heldError(lockFile, verdict.held, options.waitMs ?? 0);
    if (verdict.held.description !== told) {
      told = verdict.held.description;
      options.onWait?.(verdict.held);
    }
    await sleep(pollMs + Math.random() * pollMs, options.signal);
  }
}

/** How long to wait for the embedded database: the config's advisoryLockTimeout ("0": no bound). */
export function embeddedWaitMs(advisoryLockTimeout: string): number {
  const ms = durationToMs(advisoryLockTimeout);
  return ms === 0 ? Infinity : ms;
}

/** "up to 60 s" for a wait message. */
export function waitBound(waitMs: number): string {
  return Number.isFinite(waitMs) ? `up to ${formatSeconds(waitMs)}, "advisoryLockTimeout" in pgvector-migrator.json` : 'without a bound, "advisoryLockTimeout" is 0';
}

/** Reads the lock file without taking it: who holds the database now, if anyone. */
export function lockHolder(lockFile: string): HeldBy | undefined {
  const verdict = inspect(lockFile);
  return verdict.state === 'held' ? verdict.held : undefined;
}

function ownHolder(command: string): LockHolder {
  return {
    pid: process.pid,
    host: os.hostname(),
    command,
    since: new Date().toISOString(),
    nonce: crypto.randomBytes(8).toString('hex'),
    startTicks: startTicksOf(process.pid),
    bootId: bootId(),
  };
}

/** Creates the lock with its content in one step; false when it exists. */
function tryLink(lockFile: string, holder: LockHolder): boolean {
  const content = JSON.stringify(holder);
  const tmp = `${lockFile}.${holder.pid}.${holder.nonce}.tmp`;
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  try {
    fs.linkSync(tmp, lockFile);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV') return createExclusive(lockFile, content);
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Where hard links are refused: an exclusive create, written at once (readers allow for the gap). */
function createExclusive(lockFile: string, content: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockFile, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function inspect(lockFile: string): Verdict {
  let content: string;
  let mtimeMs: number;
  try {
    content = fs.readFileSync(lockFile, 'utf8');
    mtimeMs = fs.statSync(lockFile).mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'free' };
    throw err;
  }
  const holder = parseHolder(content);
  if (!holder) {
    const age = Date.now() - mtimeMs;
    if (age > UNREADABLE_GRACE_MS) return { state: 'stale', reason: `the lock file was ${content.trim() ? 'unreadable' : 'empty'} for ${Math.round(age / 1000)} s`, content };
    return {
      state: 'held',
      held: {
        description: `a process that is writing the lock file (${content.trim() ? 'unreadable' : 'empty'}, ${Math.round(age / 1000)} s old)`,
        doubt: `it counts as held until it is ${UNREADABLE_GRACE_MS / 1000} s old`,
      },
    };
  }
  const stale = whyStale(holder);
  if (stale) return { state: 'stale', holder, reason: stale, content };
  const description = `process ${holder.pid} (${holder.command}, since ${holder.since})`;
  const verified = holder.startTicks !== undefined && startTicksOf(holder.pid) !== undefined;
  return {
    state: 'held',
    held: {
      holder,
      description,
      doubt: verified ? undefined : `process ${holder.pid} is running, but whether it is still the one that took the lock cannot be checked here`,
    },
  };
}

function parseHolder(content: string): LockHolder | undefined {
  try {
    const value = JSON.parse(content) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.command !== 'string') return undefined;
    return value as LockHolder;
  } catch {
    return undefined;
  }
}

/** Why the holder cannot be ours any more, or undefined while it may be. */
function whyStale(holder: LockHolder): string | undefined {
  if (holder.host !== os.hostname()) return `it was written on host ${holder.host}, not this one (${os.hostname()}): another machine or a rebuilt container`;
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return 'it was written before this machine restarted';
  if (!processExists(holder.pid)) return `process ${holder.pid} that wrote it is gone`;
  const ticks = startTicksOf(holder.pid);
  if (holder.startTicks !== undefined && ticks !== undefined && ticks !== holder.startTicks) {
    return `process id ${holder.pid} now belongs to another program, started after the lock was written`;
  }
  return undefined;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux only: when the process started, in clock ticks since boot; undefined elsewhere. */
function startTicksOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

let cachedBootId: string | undefined | null = null;
function bootId(): string | undefined {
  if (cachedBootId === null) {
    try {
      cachedBootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      cachedBootId = undefined;
    }
  }
  return cachedBootId;
}

/**
 * Deletes a stale lock, provided it is still the one judged stale: under the takeover guard, so
 * that a lock another process has just taken over is never deleted by a second one.
 */
function removeStale(lockFile: string, judged: string): boolean {
  const guard = `${lockFile}.takeover`;
  const tmp = `${guard}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, String(process.pid), { flag: 'wx' });
  try {
    fs.linkSync(tmp, guard);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      fs.rmSync(tmp, { force: true });
      return createExclusiveGuardFallback(lockFile, judged, guard);
    }
    fs.rmSync(tmp, { force: true });
    clearStaleGuard(guard);
    return false;
  }
  fs.rmSync(tmp, { force: true });
  try {
    return removeIfUnchanged(lockFile, judged);
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function createExclusiveGuardFallback(lockFile: string, judged: string, guard: string): boolean {
  if (!createExclusive(guard, String(process.pid))) {
    clearStaleGuard(guard);
    return false;
  }
  try {
    return removeIfUnchanged(lockFile, judged);
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function removeIfUnchanged(lockFile: string, judged: string): boolean {
  // Judged again under the guard: the same content, and still stale (an empty lock may be new).
  const now = inspect(lockFile);
  if (now.state !== 'stale' || now.content !== judged) return false;
  fs.rmSync(lockFile, { force: true });
  return true;
}

/** A guard is held for microseconds: one older than a few seconds was left by a killed process. */
function clearStaleGuard(guard: string): void {
  try {
    if (Date.now() - fs.statSync(guard).mtimeMs > GUARD_STALE_MS) fs.rmSync(guard, { force: true });
  } catch {
    // gone meanwhile
  }
}

const heldLocks = new Map<string, string>();
let exitHookInstalled = false;

function held(lockFile: string, holder: LockHolder): EmbeddedLock {
  const nonce = holder.nonce!;
  heldLocks.set(lockFile, nonce);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A normal exit (or an uncaught error) still releases; SIGKILL leaves the file, and the next
    // process finds its holder gone.
    process.once('exit', () => heldLocks.forEach((n, file) => releaseIfOurs(file, n)));
  }
  return {
    file: lockFile,
    release: () => {
      if (heldLocks.get(lockFile) === nonce) heldLocks.delete(lockFile);
      releaseIfOurs(lockFile, nonce);
    },
  };
}

function releaseIfOurs(lockFile: string, nonce: string): void {
  try {
    const holder = parseHolder(fs.readFileSync(lockFile, 'utf8'));
    if (holder?.nonce === nonce) fs.rmSync(lockFile, { force: true });
  } catch {
    // already gone
  }
}

function heldError(lockFile: string, held: HeldBy, waitedMs: number): MigratorError {
  const waited = waitedMs > 0 && Number.isFinite(waitedMs) ? ` (waited ${formatSeconds(waitedMs)})` : '';
  const fromEditor = held.holder?.command.includes('VS Code');
  return new MigratorError(`the embedded database is in use by ${held.description}${waited}`, {
    location: { file: lockFile },
    detail: `PGlite, the embedded PostgreSQL, allows one process at a time.${held.doubt ? ` ${capitalize(held.doubt)}.` : ''}`,
    fix: [
      fromEditor
        ? 'VS Code releases it when its action ends: run the command again once that action is done'
        : `wait for ${held.holder ? `process ${held.holder.pid}` : 'that process'} to finish and run the command again`,
      'set "advisoryLockTimeout" in pgvector-migrator.json to wait longer',
      held.doubt ? `if no pgvector-migrator command and no VS Code window on this project is running, delete ${lockFile}` : undefined,
      'or pass --database-url to use a server',
    ].filter(Boolean).join('; '),
  });
}

function cancelled(lockFile: string, waitingFor: string | undefined): MigratorError {
  return new MigratorError(`stopped waiting for the embedded database${waitingFor ? `, in use by ${waitingFor}` : ''}: cancelled`, {
    location: { file: lockFile },
    fix: 'nothing was changed; run the command again when the other process is done',
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
