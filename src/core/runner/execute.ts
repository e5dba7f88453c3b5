// Runs one migration's section against a database and records it in the history, so that a
// failure never leaves a half-applied migration recorded as applied.
import * as path from 'node:path';
import type { Direction, Migration, Section } from '../migrations/types';
import type { Db } from '../db/types';
import { dbErrorFields, isConnectionLoss, DbErrorFields, quoteLiteral, quoteQualified, ScriptError } from '../db/types';
import { writeHistory } from '../db/history';
import type { SqlStatement } from '../sql/split';
import { transactionControl } from '../sql/classify';
import { LineIndex } from '../sql/positions';
import { MigratorError } from '../errors';
import { planSection, SectionMode } from './section-plan';
import { describeInvalid, dropInvalidIndexes, indexesBuiltBy, invalidIndexes } from './built-indexes';
import { lostReport, outcomeAfterLoss } from './lost-connection';
import type { IndexBuildProgress } from '../db/index-build-progress';

export interface RunSettings {
  historyTable: string;
  lockTimeout: string;
  statementTimeout?: string;
  /** The version as the history already spells it ("0001" for a file renamed to 1_x.sql), so one version keeps one row. */
  recordedVersion?: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** The history marks this migration failed and the run retries it (`up --retry-failed`). */
  retryingFailed?: boolean;
}

export type RunEvent =
  | { kind: 'migration-start'; migration: Migration; direction: Direction; mode: SectionMode['kind']; reason?: string }
  | { kind: 'statement'; migration: Migration; direction: Direction; sql: string; file: string; line: number }
  | { kind: 'migration-done'; migration: Migration; direction: Direction; durationMs: number }
  /** Every second while a CREATE INDEX of the migration runs on a server (see db/index-build-progress.ts). */
  | { kind: 'index-progress'; migration: Migration; direction: Direction; progress: IndexBuildProgress }
  /** Something the user should act on that did not fail the migration (maintenance_work_mem too small). */
  | { kind: 'warning'; migration: Migration; direction: Direction; message: string };

/** A migration that failed: where, with what the server said, and what state it left behind. */
export class MigrationFailure extends MigratorError {
  constructor(
    message: string,
    readonly migration: Migration,
    readonly direction: Direction,
    readonly statement: { index: number; start: number; end: number } | undefined,
    readonly outcome: 'rolled-back' | 'partially-applied' | 'cancelled' | 'connection-lost',
    details: ConstructorParameters<typeof MigratorError>[1],
    /** The connection was lost after the server committed the migration: it did take effect. */
    readonly committed = false,
  ) {
    super(message, details);
    this.name = 'MigrationFailure';
  }
}

class Cancelled extends Error {}

export async function runSection(db: Db, migration: Migration, direction: Direction, settings: RunSettings): Promise<number> {
  const section = direction === 'up' ? migration.up : migration.down!;
  const mode = planSection(section);
  settings.onEvent?.({ kind: 'migration-start', migration, direction, mode: mode.kind, reason: mode.kind === 'as-written' ? mode.reason : undefined });
  const started = performance.now();
  if (mode.kind === 'transaction') await runInTransaction(db, migration, direction, section, mode.statements, settings);
  else await runAsWritten(db, migration, direction, section, mode.statements, settings, started);
  const durationMs = performance.now() - started;
  settings.onEvent?.({ kind: 'migration-done', migration, direction, durationMs });
  return durationMs;
}

/**
 * The whole migration as one script: BEGIN, timeouts, its statements, its history row, COMMIT.
 * On a server that is one round trip; a failure aborts the transaction and is pinned to its
 * statement by counting the statements that completed before it.
 */
async function runInTransaction(db: Db, m: Migration, direction: Direction, section: Section, statements: SqlStatement[], s: RunSettings): Promise<void> {
  if (s.signal?.aborted) throw failure(new Cancelled(), m, direction, section, statements[0], statements, 'rolled-back', 0, true);
  const prefix = ['BEGIN', `SET LOCAL lock_timeout = ${quoteLiteral(s.lockTimeout)}`];
  if (s.statementTimeout) prefix.push(`SET LOCAL statement_timeout = ${quoteLiteral(s.statementTimeout)}`);
  const suffix = [historyInsertSql(s.historyTable, m, direction, statements.length, s.recordedVersion), 'COMMIT'];
  for (const stmt of statements) {
    s.onEvent?.({ kind: 'statement', migration: m, direction, sql: stmt.text, file: section.file, line: lineOf(section, stmt.start) });
  }
  if (s.signal?.aborted) throw failure(new Cancelled(), m, direction, section, statements[0], statements, 'rolled-back', 0, true);
  const onAbort = () => { void db.cancelRunning(); };
  s.signal?.addEventListener('abort', onAbort);
  try {
    await db.executeScript([...prefix, ...statements.map((st) => st.text), ...suffix]);
  } catch (err) {
    if (lostConnection(err, s)) throw await lostFailure(db, err, m, direction, section, undefined, s, `during the ${direction.toUpperCase()} transaction`);
    await db.execute('ROLLBACK').catch(() => undefined);
    const completed = (err as Partial<ScriptError>).completedStatements ?? 0;
    const failedIndex = completed - prefix.length;
    const stmt = failedIndex >= 0 && failedIndex < statements.length ? statements[failedIndex] : undefined;
    if (!stmt && failedIndex >= statements.length) {
      throw failure(err, m, direction, section, undefined, statements, 'rolled-back', 0, s.signal?.aborted, 'at COMMIT');
    }
    throw failure(err, m, direction, section, stmt, statements, 'rolled-back', 0, s.signal?.aborted, undefined, scriptOffsetOf(prefix, statements, failedIndex));
  } finally {
    s.signal?.removeEventListener('abort', onAbort);
  }
}

/** Where statement `index` begins in the script that executeScript sends (joined with ";\n"). */
function scriptOffsetOf(prefix: string[], statements: SqlStatement[], index: number): number {
  let offset = 0;
  for (const p of prefix) offset += p.length + 2;
  for (let i = 0; i < index; i++) offset += statements[i].text.length + 2;
  return offset;
}

function historyInsertSql(historyTable: string, m: Migration, direction: Direction, statementsDone: number, recordedVersion?: string): string {
  const state = direction === 'up' ? 'applied' : 'rolled_back';
  // now() is the transaction's start: clock_timestamp() - now() is how long the migration took.
  return `INSERT INTO ${quoteQualified(historyTable)} AS h
  (version, name, checksum, applied_at, duration_ms, applied_by, direction, state, statements_done, error)
VALUES (${quoteLiteral(recordedVersion ?? m.version)}, ${quoteLiteral(m.name)}, ${quoteLiteral(m.checksum)}, now(),
  (extract(epoch FROM clock_timestamp() - now()) * 1000)::integer, current_user, ${quoteLiteral(direction)}, ${quoteLiteral(state)}, ${statementsDone}, NULL)
ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum, applied_at = EXCLUDED.applied_at,
  duration_ms = EXCLUDED.duration_ms, applied_by = EXCLUDED.applied_by, direction = EXCLUDED.direction,
  state = EXCLUDED.state, statements_done = EXCLUDED.statements_done, error = EXCLUDED.error`;
}

async function runAsWritten(db: Db, m: Migration, direction: Direction, section: Section, statements: SqlStatement[], s: RunSettings, started: number): Promise<void> {
  // The dirty marker goes in first: if the process or connection dies midway, the history says
  // "failed", never "applied".
  await writeHistory(db, s.historyTable, { ...historyRecord(m, s.recordedVersion, direction, 0, 0), state: 'failed', error: 'interrupted before it finished' });
  let done = 0;
  let committed = 0; // statements whose effects are committed, so they remain after a failure
  let inBlock = false;
  let current: SqlStatement | undefined;
  const builds = indexesBuiltBy(statements);
  try {
    // What the failed attempt left invalid goes first, or `IF NOT EXISTS` would keep it.
    if (s.retryingFailed) await dropInvalidIndexes(db, builds);
    await applyTimeouts(db, s, false);
    for (const stmt of statements) {
      current = stmt;
      await runStatement(db, m, direction, section, stmt, s);
      const control = transactionControl(stmt);
      if (control === 'begin') inBlock = true;
      else if (control === 'commit' || control === 'rollback' || control === 'prepare') inBlock = false;
      done++;
      if (!inBlock) committed = done;
    }
    current = undefined;
    if (inBlock) throw new MigratorError('the section ends inside a transaction block: BEGIN without COMMIT');
    await refuseInvalidIndexes(db, builds);
    await resetTimeouts(db);
    await writeHistory(db, s.historyTable, historyRecord(m, s.recordedVersion, direction, performance.now() - started, done));
  } catch (err) {
    if (lostConnection(err, s)) {
      const where = current ? `at statement ${current.index + 1} of ${direction.toUpperCase()}` : `at the history write after ${direction.toUpperCase()}`;
      throw await lostFailure(db, err, m, direction, section, current, s, where, { done: committed, total: statements.length });
    }
    if (inBlock) await db.execute('ROLLBACK').catch(() => undefined);
    const left = await invalidIndexes(db, builds).catch(() => [] as string[]);
    const f = failure(err, m, direction, section, current, statements, 'partially-applied', committed, s.signal?.aborted, undefined, 0, left);
    await resetTimeouts(db).catch(() => undefined);
    await writeHistory(db, s.historyTable, {
      ...historyRecord(m, s.recordedVersion, direction, performance.now() - started, committed), state: 'failed',
      error: `${left.length > 0 ? `${describeInvalid(left)}: ` : ''}${f.message}`.slice(0, 500),
    }).catch(() => undefined); // connection gone: the dirty marker written first stays
    throw f;
  }
}

function lostConnection(err: unknown, s: RunSettings): boolean {
  return !(err instanceof MigratorError) && !s.signal?.aborted && isConnectionLoss(dbErrorFields(err));
}

/** The connection is gone: find out on a fresh one whether the server committed, and say that. */
async function lostFailure(
  db: Db, err: unknown, m: Migration, direction: Direction, section: Section, stmt: SqlStatement | undefined, s: RunSettings,
  where: string, asWritten?: { done: number; total: number },
): Promise<MigrationFailure> {
  const outcome = await outcomeAfterLoss(db, s.historyTable, m, direction);
  const report = lostReport(outcome, m, direction, where, asWritten);
  const fields = dbErrorFields(err);
  const pos = new LineIndex(section.fileText).positionAt(stmt ? stmt.start : section.start);
  return new MigrationFailure(report.message, m, direction, stmt && { index: stmt.index, start: stmt.start, end: stmt.end }, 'connection-lost', {
    location: { file: section.file, line: pos.line, column: pos.column },
    sqlstate: fields.code,
    detail: /lost the connection/.test(fields.message) ? fields.message : `lost the connection to the server: ${fields.message}`,
    fix: report.fix,
    cause: err,
  }, outcome === 'committed');
}

/** Every statement succeeded, yet an index it names is invalid (IF NOT EXISTS found a broken one). */
async function refuseInvalidIndexes(db: Db, builds: string[]): Promise<void> {
  const left = await invalidIndexes(db, builds);
  if (left.length === 0) return;
  throw new MigratorError(`${describeInvalid(left)}: the migration cannot be recorded applied while an index it builds is invalid`);
}

async function runStatement(db: Db, m: Migration, direction: Direction, section: Section, stmt: SqlStatement, s: RunSettings): Promise<void> {
  if (s.signal?.aborted) throw new Cancelled();
  s.onEvent?.({ kind: 'statement', migration: m, direction, sql: stmt.text, file: section.file, line: lineOf(section, stmt.start) });
  const onAbort = () => { void db.cancelRunning(); };
  s.signal?.addEventListener('abort', onAbort);
  try {
    await db.execute(stmt.text);
  } finally {
    s.signal?.removeEventListener('abort', onAbort);
  }
}

async function applyTimeouts(db: Db, s: RunSettings, local: boolean): Promise<void> {
  await db.query(`SELECT set_config('lock_timeout', $1, ${local})`, [s.lockTimeout]);
  if (s.statementTimeout) await db.query(`SELECT set_config('statement_timeout', $1, ${local})`, [s.statementTimeout]);
}

async function resetTimeouts(db: Db): Promise<void> {
  await db.execute('RESET lock_timeout');
  await db.execute('RESET statement_timeout');
}

function historyRecord(m: Migration, recordedVersion: string | undefined, direction: Direction, durationMs: number, statementsDone: number) {
  return {
    version: recordedVersion ?? m.version, name: m.name, checksum: m.checksum, durationMs, direction,
    state: direction === 'up' ? ('applied' as const) : ('rolled_back' as const), statementsDone, error: null,
  };
}

/** One LineIndex per file text, so events for a long migration do not rescan it per statement. */
const lineIndexes = new WeakMap<Section, LineIndex>();

function lineOf(section: Section, offset: number): number {
  let index = lineIndexes.get(section);
  if (!index) {
    index = new LineIndex(section.fileText);
    lineIndexes.set(section, index);
  }
  return index.positionAt(offset).line;
}

function failure(
  err: unknown, m: Migration, direction: Direction, section: Section, stmt: SqlStatement | undefined,
  statements: SqlStatement[], outcome: 'rolled-back' | 'partially-applied', done = 0, aborted = false,
  whereOverride?: string, scriptOffset = 0, invalid: string[] = [],
): MigrationFailure {
  if (err instanceof MigrationFailure) return err;
  const fields: DbErrorFields = err instanceof MigratorError ? { message: err.message } : dbErrorFields(err);
  const cancelled = err instanceof Cancelled || (fields.code === '57014' && aborted);
  const lost = isConnectionLoss(fields);
  const lines = new LineIndex(section.fileText);
  const positionInStatement = fields.position ? fields.position - 1 - scriptOffset : 0;
  const insideStatement = stmt && positionInStatement >= 0 && positionInStatement <= stmt.text.length ? positionInStatement : 0;
  const offset = stmt ? stmt.start + insideStatement : whereOverride ? section.end : section.start;
  const pos = lines.positionAt(Math.min(offset, stmt?.end ?? offset));
  const fileName = path.basename(section.file);
  const where = stmt ? `statement ${stmt.index + 1} of ${direction.toUpperCase()}` : `${whereOverride ?? ''} ${direction.toUpperCase()} section`.trim();
  const finalOutcome = cancelled ? 'cancelled' : lost ? 'connection-lost' : outcome;
  const what = cancelled ? 'was cancelled' : lost ? 'lost its database connection' : 'failed';
  const message = `${fileName} ${what} at ${where}: ${cancelled ? 'cancelled by the user' : fields.message}`;
  return new MigrationFailure(message, m, direction, stmt && { index: stmt.index, start: stmt.start, end: stmt.end }, finalOutcome, {
    location: { file: section.file, line: pos.line, column: pos.column },
    sqlstate: cancelled ? undefined : fields.code,
    detail: fields.detail,
    hint: fields.hint,
    fix: outcome === 'rolled-back'
      ? 'nothing of this migration was applied (its transaction was rolled back); fix the statement and run again'
      : `this migration runs outside a transaction: ${done} of ${statements.length} statements completed and remain; it is marked failed.${invalid.length > 0 ? ` ${describeInvalid(invalid)}: \`up --retry-failed\` drops ${invalid.length === 1 ? 'it' : 'them'} and builds again.` : ''} Undo or finish them by hand, then run \`up --retry-failed\` (or \`down\`)`,
    cause: err,
  });
}
