// Every check runs in its own read-only transaction with a statement timeout: validation can
// never change data, a slow scan gives up instead of running for hours, and one failing check
// rolls back alone while the others go on.
import type { Db, DbErrorFields } from '../db/types';
import { dbErrorFields, isConnectionLoss } from '../db/types';
import type { CheckId, CheckResult } from './types';

export interface ReadOnlySettings {
  statementTimeout: string;
  /** Waits this long at most for a lock (a running migration's ACCESS EXCLUSIVE), then fails. */
  lockTimeout: string;
}

export async function inReadOnlyTransaction<T>(db: Db, settings: ReadOnlySettings, work: () => Promise<T>): Promise<T> {
  await db.execute('BEGIN TRANSACTION READ ONLY');
  try {
    await db.query(`SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true)`, [settings.statementTimeout, settings.lockTimeout]);
    const result = await work();
    await db.execute('COMMIT');
    return result;
  } catch (err) {
    await db.execute('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** 57014: a statement timeout or a cancel; either way the statement did not finish. */
export function isCancel(fields: DbErrorFields): boolean {
  return fields.code === '57014';
}

/**
 * Errors about the whole table or connection (timeout, cancel, lock wait, no privilege, table
 * gone, connection lost): running each check of the table alone would only fail again.
 */
export function failsWholeTable(fields: DbErrorFields): boolean {
  return isCancel(fields) || isConnectionLoss(fields) || ['55P03', '42501', '42P01'].includes(fields.code ?? '');
}

/** A check that could not run: what the server said, and for a timeout, which setting to raise. */
export function errorResult(id: CheckId, table: string | null, column: string | null, err: unknown, timeout: string): CheckResult {
  const f = dbErrorFields(err);
  const code = f.code ? ` [SQLSTATE ${f.code}]` : '';
  const hint = /statement timeout/.test(f.message)
    ? ` (the statement timeout is ${timeout}: raise "validate.statementTimeout" in pgvector-migrator.json)`
    : f.hint ? ` (hint: ${f.hint})` : '';
  return { id, table, column, status: 'error', rows: null, sample: [], message: `could not check: ${f.message}${code}${hint}`, remediation: null };
}
