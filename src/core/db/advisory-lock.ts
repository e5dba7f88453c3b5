// One PostgreSQL advisory lock per history table for a whole run, so two appliers on the same
// database never interleave. The second waits up to `advisoryLockTimeout`, then fails naming the lock.
import type { Db } from './types';
import { dbErrorFields } from './types';
import { MigratorError } from '../errors';

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

export async function acquireRunLock(db: Db, historyTable: string, waitFor: string): Promise<HeldLock> {
  const key = lockKeyFor(historyTable);
  await db.query(`SELECT set_config('lock_timeout', $1, false)`, [waitFor]);
  try {
    await db.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, key]);
  } catch (err) {
    const fields = dbErrorFields(err);
    if (fields.code === '55P03') throw await lockHeldError(db, key, waitFor);
    throw err;
  } finally {
    await db.query(`SELECT set_config('lock_timeout', '0', false)`).catch(() => undefined);
  }
  return {
    release: async () => {
      await db.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, key]).catch(() => undefined);
    },
  };
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
