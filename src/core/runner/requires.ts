// A migration's precondition, `-- Requires: <SQL>` in its header: a query the database must
// answer "yes" to before `up` runs the migration. Two forms of answer:
//   - one boolean (the first column of the first row): `SELECT NOT EXISTS (SELECT 1 FROM ...)`;
//   - counts, columns `done` and `total`: satisfied when done >= total, and the counts are the
//     progress `status` shows: "backfill 812,344 of 1,000,000 rows, 81%". The contract migration
//     of an embedding change uses this form (see migrations/embedding-change.ts).
// The query runs in a READ ONLY transaction that is rolled back, so it can change nothing.
import type { Db } from '../db/types';
import { dbErrorFields } from '../db/types';
import type { Migration } from '../migrations/types';
import type { StatusEntry } from './status';

export interface RequiresAnswer {
  sql: string;
  satisfied: boolean;
  /** Count-style answers: rows done and rows in all. */
  done?: number;
  total?: number;
  /** What the query answered, for messages: "backfill 812,344 of 1,000,000 rows, 81%" or "false". */
  answer: string;
  /** The query failed (a column an earlier pending migration adds, say): the message. */
  error?: string;
}

/**
 * The precondition's SQL from the migration's header, if it has one. A sqitch deploy script's
 * `-- requires: change` names the changes it depends on (sqitch's own convention, read from the
 * plan), not a query.
 */
export function requiresOf(m: Migration): string | undefined {
  if (m.layout === 'sqitch') return undefined;
  const sql = m.header.fields['requires']?.value.trim().replace(/;\s*$/, '');
  return sql ? sql : undefined;
}

export async function checkRequires(db: Db, sql: string): Promise<RequiresAnswer> {
  await db.execute('BEGIN READ ONLY');
  try {
    const r = await db.query<Record<string, unknown>>(sql);
    return interpret(sql, r.rows[0]);
  } catch (err) {
    const message = dbErrorFields(err).message;
    return { sql, satisfied: false, answer: `the query failed: ${message}`, error: message };
  } finally {
    await db.execute('ROLLBACK').catch(() => undefined);
  }
}

export function interpret(sql: string, row: Record<string, unknown> | undefined): RequiresAnswer {
  if (!row) return { sql, satisfied: false, answer: 'no rows' };
  if ('done' in row && 'total' in row) {
    const done = Number(row.done);
    const total = Number(row.total);
    return { sql, satisfied: done >= total, done, total, answer: progressText(done, total) };
  }
  const value = Object.values(row)[0];
  const satisfied = value === true || value === 't' || value === 'true';
  return { sql, satisfied, answer: value === null || value === undefined ? 'NULL' : String(value) };
}

/** "backfill 812,344 of 1,000,000 rows, 81%": rounded down, so 100% means done. */
export function progressText(done: number, total: number): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `backfill ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows, ${percent}%`;
}

/** The history note of a migration applied with `--skip-requires` (kept in the row's error column). */
export function skippedRequiresNote(a: RequiresAnswer): string {
  return `applied with --skip-requires; Requires answered ${a.answer}`;
}

/** "waiting (backfill 812,344 of 1,000,000 rows, 81%)" or "waiting (Requires answered false)": status and the Migrations view. */
export function waitingText(a: RequiresAnswer): string {
  return `waiting (${a.done !== undefined ? a.answer : `Requires answered ${a.answer}`})`;
}

/**
 * Sets `waiting` on each pending entry whose precondition is false. A precondition that cannot
 * run yet (it reads a column a pending migration adds) is not waiting: it is simply pending.
 */
export async function markWaiting(db: Db, entries: StatusEntry[]): Promise<void> {
  for (const entry of entries) {
    const sql = entry.state === 'pending' && entry.migration ? requiresOf(entry.migration) : undefined;
    if (sql === undefined) continue;
    const answer = await checkRequires(db, sql);
    if (!answer.satisfied && !answer.error) entry.waiting = answer;
  }
}
