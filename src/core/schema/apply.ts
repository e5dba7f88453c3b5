// Applies SQL to a scratch database one statement at a time, so that a failure is pinned to its
// statement and to the token PostgreSQL names. A section runs the way the runner would run it:
// in one transaction unless it manages its own or holds statements that cannot run in one.
import type { Db } from '../db/types';
import { dbErrorFields } from '../db/types';
import { MigratorError } from '../errors';
import type { Section } from '../migrations/types';
import { codePointToCharOffset } from '../sql/parser';
import { LineIndex } from '../sql/positions';
import type { SqlStatement } from '../sql/split';
import { transactionControl } from '../sql/classify';
import { planSection } from '../runner/section-plan';

export interface ApplyFailure {
  /** Offsets in the file of the failing statement (or of the token PostgreSQL points at). */
  start: number;
  end: number;
  /** 1-based number of the statement within its section or block. */
  statementNumber?: number;
  message: string;
  sqlstate?: string;
  detail?: string;
  hint?: string;
}

/** Runs a migration section; resolves to the failure, or undefined when every statement ran. */
export async function applySection(db: Db, section: Section, signal?: AbortSignal): Promise<ApplyFailure | undefined> {
  let mode;
  try {
    mode = planSection(section);
  } catch (err) {
    if (!(err instanceof MigratorError)) throw err;
    const offset = err.location?.line ? new LineIndex(section.fileText).offsetAt({ line: err.location.line, column: err.location.column ?? 1 }) : section.start;
    return { start: offset, end: offset + 1, message: err.message };
  }
  if (mode.kind === 'as-written') return applyAsWritten(db, section.fileText, mode.statements, signal);
  if (mode.statements.length === 0) return undefined;
  await db.execute('BEGIN');
  const failure = await applyEach(db, section.fileText, mode.statements, signal);
  if (failure) {
    await db.execute('ROLLBACK');
    return failure;
  }
  try {
    await db.execute('COMMIT');
  } catch (err) {
    // Deferred constraints fail at COMMIT: the last statement is the nearest place to show.
    const last = mode.statements[mode.statements.length - 1];
    await db.execute('ROLLBACK').catch(() => undefined);
    return failureAt(err, section.fileText, last, mode.statements.length);
  }
  return undefined;
}

/** Runs statements each on its own (the spec's DDL): a failure does not undo the ones before. */
export async function applyStatements(db: Db, text: string, statements: readonly SqlStatement[], signal?: AbortSignal): Promise<ApplyFailure[]> {
  const failures: ApplyFailure[] = [];
  for (const [i, stmt] of statements.entries()) {
    signal?.throwIfAborted();
    if (transactionControl(stmt)) continue; // BEGIN/COMMIT in a spec only frame its DDL
    try {
      await db.execute(stmt.text);
    } catch (err) {
      failures.push(failureAt(err, text, stmt, i + 1));
    }
  }
  return failures;
}

async function applyAsWritten(db: Db, text: string, statements: readonly SqlStatement[], signal?: AbortSignal): Promise<ApplyFailure | undefined> {
  let inBlock = false;
  for (const [i, stmt] of statements.entries()) {
    signal?.throwIfAborted();
    try {
      await db.execute(stmt.text);
    } catch (err) {
      if (inBlock) await db.execute('ROLLBACK').catch(() => undefined);
      return failureAt(err, text, stmt, i + 1);
    }
    const control = transactionControl(stmt);
    if (control === 'begin') inBlock = true;
    else if (control === 'commit' || control === 'rollback' || control === 'prepare') inBlock = false;
  }
  if (inBlock) {
    await db.execute('ROLLBACK').catch(() => undefined);
    const last = statements[statements.length - 1];
    return { start: last.start, end: last.end, message: 'the section ends inside a transaction block: BEGIN without COMMIT' };
  }
  return undefined;
}

/** Inside the caller's transaction: stops at the first failure and leaves the ROLLBACK to it. */
async function applyEach(db: Db, text: string, statements: readonly SqlStatement[], signal: AbortSignal | undefined): Promise<ApplyFailure | undefined> {
  for (const [i, stmt] of statements.entries()) {
    if (signal?.aborted) {
      await db.execute('ROLLBACK').catch(() => undefined);
      signal.throwIfAborted();
    }
    try {
      await db.execute(stmt.text);
    } catch (err) {
      return failureAt(err, text, stmt, i + 1);
    }
  }
  return undefined;
}

/** The failure of one statement, at the token PostgreSQL points at when it gives a position. */
export function failureAt(err: unknown, text: string, stmt: SqlStatement, statementNumber: number): ApplyFailure {
  const fields = dbErrorFields(err);
  let start = stmt.start;
  let end = stmt.end;
  if (fields.position !== undefined && fields.position >= 1) {
    const at = stmt.start + codePointToCharOffset(stmt.text, fields.position - 1);
    if (at >= stmt.start && at < stmt.end) {
      const token = stmt.tokens.find((t) => t.start <= at && at < t.end);
      start = token?.start ?? at;
      end = token?.end ?? at + 1;
    }
  } else {
    const newline = text.indexOf('\n', stmt.start);
    if (newline >= 0 && newline < stmt.end) end = newline;
  }
  return {
    start, end, statementNumber, message: fields.message,
    ...(fields.code ? { sqlstate: fields.code } : {}),
    ...(fields.detail ? { detail: fields.detail } : {}),
    ...(fields.hint ? { hint: fields.hint } : {}),
  };
}
