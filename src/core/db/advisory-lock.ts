// One PostgreSQL advisory lock per history table for a whole run, so two appliers on the same
// database never interleave. The second waits up to `advisoryLockTimeout`, then fails naming the lock.
//
// The waiter polls pg_try_advisory_lock between short sleeps instead of blocking in
// pg_advisory_lock: a blocked statement holds a snapshot, and CREATE INDEX CONCURRENTLY in the
// holder's run waits for every older snapshot to go away — the holder would wait on the waiter
// that waits on the holder, and the server breaks the cycle with "deadlock detected" (40P01).
// Between polls the waiter's session is idle and holds nothing a CONCURRENTLY build waits for.
import type { Db } from './types';
import { MigratorError } from '../errors';
import { durationToMs } from '../config/config';

/** First key of the two-int advisory lock: 'pgvm' in ASCII. */
export const LOCK_CLASS = 0x7067766d;

/** A stable 31-bit hash of the history table name: the lock's second key. */
export function lockKeyFor(historyTable: string): number {
  let h = 0;
  for (const ch of historyTable.toLowerCase()) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h & 0x7fffffff;
}

export interface HeldLock {
  release(): Promise<void>;
}

const FIRST_POLL_MS = 20;
const LONGEST_POLL_MS = 500;

export async function acquireRunLock(db: Db, historyTable: string, waitFor: string): Promise<HeldLock> {
  const key = lockKeyFor(historyTable);
  const deadline = Date.now() + durationToMs(waitFor);
  let pause = FIRST_POLL_MS;
  while (!(await tryLock(db, key))) {
    const left = deadline - Date.now();
    if (left <= 0) throw await lockHeldError(db, key, waitFor);
    // Jitter spreads the waiters, so they do not all poll in the same instant.
    await sleep(Math.min(left, pause * (0.5 + Math.random())));
    pause = Math.min(pause * 2, LONGEST_POLL_MS);
  }
  return {
    release: async () => {
      await db.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, key]).catch(() => undefined);
    },
  };
}

async function tryLock(db: Db, key: number): Promise<boolean> {
  const r = await db.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [LOCK_CLASS, key]);
  return r.rows[0]?.locked === true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

async function lockHeldError(db: Db, key: number, waitFor: string): Promise<MigratorError> {
  let holder = '';
  try {
    const r = await db.query<{ pid: number; application_name: string; backend_start: Date }>(
      `SELECT a.pid, a.application_name, a.backend_start
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.granted`,
      [LOCK_CLASS, key],
    );
    const h = r.rows[0];
    if (h) holder = ` by backend pid ${h.pid} (${h.application_name || 'unknown application'}, connected since ${new Date(h.backend_start).toISOString()})`;
  } catch {
    // the lock's holder is a detail; the error stands without it
  }
  return new MigratorError(`another migration run holds the advisory lock (${LOCK_CLASS}, ${key})${holder}; waited ${waitFor}`, {
    sqlstate: '55P03',
    fix: 'wait for the other run to finish and try again, or raise "advisoryLockTimeout" in pgvector-migrator.json',
  });
}
