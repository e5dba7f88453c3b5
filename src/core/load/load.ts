// A bulk load: read the input, check every row against the table, COPY the rows in batches of
// their own transactions with the checkpoint beside them, then ANALYZE and rebuild deferred indexes.
import * as path from 'node:path';
import type { Db } from '../db/types';
import { dbErrorFields, isConnectionLoss } from '../db/types';
import { ConfigError } from '../errors';
import { checkpointTable, Checkpoint, DeferredIndex, ensureCheckpointTable, writeCheckpoint } from './checkpoint';
import { annIndexesOf, dropIndexes, rebuildIndexes } from './indexes';
import type { InputSource } from './input';
import type { InputRecord } from './records';
import { RejectsFile } from './rejects';
import { LoadOptions, nextRecord, prepare, Prepared, sha } from './prepare';
import type { LoadProgress, LoadResult, Rejection, StopReason } from './types';

export type { LoadOptions } from './prepare';

export const DEFAULT_BATCH_ROWS = 10_000;
/** Characters of COPY text in one chunk: the embedded database gets one Blob of this size at most. */
const CHUNK_CHARS = 1 << 20;
const FIRST_REJECTIONS = 20;

class StopLoad extends Error {
  constructor(readonly reason: StopReason, message: string, readonly line?: number) {
    super(message);
  }
}

export async function loadFile(db: Db, options: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  if (options.resume && options.truncate) throw new ConfigError('--resume and --truncate contradict each other', { fix: 'resume the interrupted load with --resume, or start over with --truncate' });
  const p = await prepare(db, options);
  // A read waiting on standard input must not outlive Ctrl-C: closing the input ends it.
  const onAbort = () => p.input.close();
  options.signal?.addEventListener('abort', onAbort);
  try {
    return options.dryRun ? await dryRun(p, options, started) : await load(db, p, options, started);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    p.input.close();
  }
}

interface Counters {
  rowsLoaded: number;
  rowsRejected: number;
  batches: number;
  rowsSent: number;
  first: Rejection[];
}

function snapshot(options: LoadOptions, p: Prepared, c: Counters, started: number, phase: LoadProgress['phase'], message?: string): LoadProgress {
  return { phase, rowsLoaded: c.rowsLoaded, rowsSent: c.rowsSent, rowsRejected: c.rowsRejected, bytesRead: p.input.bytesRead(), bytesTotal: p.source.size, elapsedMs: performance.now() - started, message };
}

function progress(options: LoadOptions, p: Prepared, c: Counters, started: number, phase: LoadProgress['phase'], message?: string): void {
  options.onProgress?.(snapshot(options, p, c, started, phase, message));
}

async function dryRun(p: Prepared, options: LoadOptions, started: number): Promise<LoadResult> {
  const rejects = new RejectsFile(rejectsPath(options, p.source), 0);
  const c: Counters = { rowsLoaded: 0, rowsRejected: 0, batches: 0, rowsSent: 0, first: [] };
  let last = 0;
  try {
    for (let r = await nextRecord(p); r; r = await nextRecord(p)) {
      const checked = p.check(r);
      if ('reason' in checked) reject(c, rejects, { line: r.line, reason: checked.reason });
      else c.rowsSent++;
      if (++last % 10000 === 0) progress(options, p, c, started, 'loading');
      if (options.signal?.aborted) break;
    }
  } finally {
    await rejects.close();
  }
  return {
    summary: summary(p, c, started, null, rejects),
    firstRejections: c.first,
    committedThroughLine: 0,
    tableWasEmpty: false,
    rebuiltIndexes: [],
    dryRun: true,
    stopped: options.signal?.aborted ? { reason: 'cancelled', message: 'cancelled' } : undefined,
  };
}

function reject(c: Counters, rejects: RejectsFile, rejection: Rejection): void {
  c.rowsRejected++;
  if (c.first.length < FIRST_REJECTIONS) c.first.push(rejection);
  rejects.add(rejection);
}

function summary(p: Prepared, c: Counters, started: number, resumedFrom: number | null, rejects?: RejectsFile) {
  return {
    table: p.target.display,
    rowsLoaded: c.rowsLoaded,
    rowsRejected: c.rowsRejected,
    batches: c.batches,
    durationMs: Math.round(performance.now() - started),
    resumedFrom,
    rejectsFile: rejects?.written ? rejects.path : null,
  };
}

function rejectsPath(options: LoadOptions, source: InputSource): string {
  if (options.rejectsFile) return path.resolve(options.cwd, options.rejectsFile);
  return source.key === '-' ? path.join(options.cwd, 'stdin.rejects') : `${source.key.replace(/\.gz$/i, '')}.rejects`;
}

async function load(db: Db, p: Prepared, options: LoadOptions, started: number): Promise<LoadResult> {
  const ckTable = checkpointTable(options.historyTable);
  await ensureCheckpointTable(db, ckTable);
  const resumed = options.resume ? p.checkpoint! : undefined;
  const ck = resumed ? { ...resumed } : await startLoad(db, p, options, ckTable);
  if (resumed && options.deferIndexes) {
    const more = (await annIndexesOf(db, p.target)).filter((i) => !ck.deferredIndexes.some((d) => d.name === i.name));
    if (more.length > 0) await inTransaction(db, async () => {
      ck.deferredIndexes = [...ck.deferredIndexes, ...more];
      await dropIndexes(db, p.target, more);
      await writeCheckpoint(db, ckTable, p.target.display, p.source.key, ck);
    });
  }
  const rejects = new RejectsFile(rejectsPath(options, p.source), resumed ? resumed.committedThroughLine : 0);
  const c: Counters = { rowsLoaded: 0, rowsRejected: 0, batches: 0, rowsSent: 0, first: [] };
  const copyTarget = `${p.target.quoted} (${p.mapping.columns.map((col) => col.quoted).join(', ')})`;
  const run: BatchRun = { db, p, options, c, rejects, started, ck, ckTable, copyTarget };
  let stopped: LoadResult['stopped'];
  try {
    for (;;) {
      if (options.signal?.aborted) { stopped = { reason: 'cancelled', message: 'cancelled' }; break; }
      const outcome = await copyBatch(run);
      if (outcome === 'end') break;
      if (outcome !== 'committed') { stopped = outcome; break; }
    }
  } finally {
    await rejects.close();
  }
  let rebuilt: string[] = [];
  if (!stopped) {
    progress(options, p, c, started, 'analyzing', `ANALYZE ${p.target.display}`);
    await db.execute(`ANALYZE ${p.target.quoted}`);
    if (ck.deferredIndexes.length > 0) {
      // Ctrl-C while an index builds cancels the build on the server; a resume builds it again.
      const onAbort = () => { void db.cancelRunning().catch(() => undefined); };
      options.signal?.addEventListener('abort', onAbort);
      try {
        rebuilt = await rebuildIndexes(db, p.target, ck.deferredIndexes, {
        concurrently: !ck.tableWasEmpty,
        rows: ck.rowsLoaded,
        onIndex: (message) => progress(options, p, c, started, 'indexing', message),
        openMonitor: options.openMonitor,
        onBuildProgress: (build) => options.onProgress?.({ ...snapshot(options, p, c, started, 'indexing'), indexBuild: build }),
        });
      } catch (err) {
        if (!options.signal?.aborted) throw err;
        return result(p, c, started, resumed, ck, [], { reason: 'cancelled', message: 'cancelled while the deferred indexes were built' }, rejects);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    }
    await inTransaction(db, () => writeCheckpoint(db, ckTable, p.target.display, p.source.key, { ...ck, state: 'done', deferredIndexes: [] }));
    progress(options, p, c, started, 'done');
  }
  return result(p, c, started, resumed, ck, rebuilt, stopped, rejects);
}

function result(p: Prepared, c: Counters, started: number, resumed: Checkpoint | undefined, ck: Omit<Checkpoint, 'updatedAt'>, rebuilt: string[], stopped: LoadResult['stopped'], rejects?: RejectsFile): LoadResult {
  return {
    summary: summary(p, c, started, resumed ? resumed.committedThroughLine : null, rejects),
    stopped,
    firstRejections: c.first,
    committedThroughLine: ck.committedThroughLine,
    tableWasEmpty: ck.tableWasEmpty,
    rebuiltIndexes: rebuilt,
    dryRun: false,
  };
}

interface BatchRun {
  db: Db;
  p: Prepared;
  options: LoadOptions;
  c: Counters;
  rejects: RejectsFile;
  started: number;
  ck: Omit<Checkpoint, 'updatedAt'>;
  ckTable: string;
  copyTarget: string;
}

interface Batch {
  /** Input lines of the rows sent, in COPY order: a server error's COPY line maps back through it. */
  lines: number[];
  rejected: number;
  consumed: number;
  last?: InputRecord;
}

/** One batch in its own transaction, its checkpoint written in the same transaction. */
async function copyBatch(run: BatchRun): Promise<'committed' | 'end' | NonNullable<LoadResult['stopped']>> {
  const { db, p, options, c, ck } = run;
  const batch: Batch = { lines: [], rejected: 0, consumed: 0 };
  await db.execute('BEGIN');
  try {
    await db.copyFrom(run.copyTarget, batchChunks(run, batch));
    if (batch.consumed === 0) {
      await db.execute('ROLLBACK');
      return 'end';
    }
    const last = batch.last!;
    Object.assign(ck, {
      resumeBytes: last.startBytes, resumeLine: last.linesBefore, lastRecordSha: sha(last.text), committedThroughLine: last.lastLine,
      rowsLoaded: ck.rowsLoaded + batch.lines.length, rowsRejected: ck.rowsRejected + batch.rejected, batches: ck.batches + 1,
    });
    await writeCheckpoint(db, run.ckTable, p.target.display, p.source.key, ck);
    run.rejects.flush();
    await db.execute('COMMIT');
  } catch (err) {
    await db.execute('ROLLBACK').catch(() => undefined);
    c.rowsSent -= batch.lines.length;
    return stopOf(err, batch.lines);
  }
  c.rowsLoaded += batch.lines.length;
  c.rowsSent = c.rowsLoaded;
  c.batches++;
  progress(options, p, c, run.started, 'loading');
  return 'committed';
}

/** The rows of one batch as chunks of COPY text, each row checked as it is read. */
async function* batchChunks(run: BatchRun, batch: Batch): AsyncGenerator<string> {
  const { p, options, c } = run;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const maxRejects = options.maxRejects ?? 0;
  const cancelled = () => new StopLoad('cancelled', 'cancelled');
  let chunk = '';
  while (batch.lines.length < batchRows) {
    if (options.signal?.aborted) throw cancelled();
    const record = await nextRecord(p).catch((err) => {
      throw options.signal?.aborted ? cancelled() : err; // the input was closed by the cancel
    });
    if (options.signal?.aborted) throw cancelled();
    if (!record) break;
    batch.consumed++;
    batch.last = record;
    const checked = p.check(record);
    if ('reason' in checked) {
      batch.rejected++;
      reject(c, run.rejects, { line: record.line, reason: checked.reason });
      if (c.rowsRejected > maxRejects) throw new StopLoad('rejects', `line ${record.line}: ${checked.reason}`, record.line);
      continue;
    }
    chunk += checked.row;
    batch.lines.push(record.line);
    c.rowsSent++;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
      progress(options, p, c, run.started, 'loading');
    }
  }
  if (chunk) yield chunk;
}

/** The first transaction of a fresh load: TRUNCATE, drop the deferred indexes, the checkpoint row. */
async function startLoad(db: Db, p: Prepared, options: LoadOptions, ckTable: string): Promise<Omit<Checkpoint, 'updatedAt'>> {
  return inTransaction(db, async () => {
    if (options.truncate) await db.execute(`TRUNCATE ${p.target.quoted}`);
    const empty = await db.query(`SELECT 1 FROM ${p.target.quoted} LIMIT 1`);
    // A start over keeps what an earlier, interrupted run dropped: it must still be rebuilt.
    const earlier: DeferredIndex[] = p.checkpoint?.state === 'running' ? p.checkpoint.deferredIndexes : [];
    const now = options.deferIndexes ? await annIndexesOf(db, p.target) : [];
    await dropIndexes(db, p.target, now);
    const ck: Omit<Checkpoint, 'updatedAt'> = {
      state: 'running', resumeBytes: 0, resumeLine: 0, lastRecordSha: null, committedThroughLine: p.format === 'jsonl' ? 0 : 1,
      rowsLoaded: 0, rowsRejected: 0, batches: 0, columns: p.mapping.columns.map((c) => c.name),
      deferredIndexes: [...earlier, ...now.filter((i) => !earlier.some((e) => e.name === i.name))],
      tableWasEmpty: empty.rows.length === 0,
    };
    await writeCheckpoint(db, ckTable, p.target.display, p.source.key, ck);
    return ck;
  });
}

async function inTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  await db.execute('BEGIN');
  try {
    const result = await work();
    await db.execute('COMMIT');
    return result;
  } catch (err) {
    await db.execute('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Why a batch failed, with the server's COPY line turned back into the input's line. */
function stopOf(err: unknown, lines: number[]): NonNullable<LoadResult['stopped']> {
  if (err instanceof StopLoad) return { reason: err.reason, message: err.message, line: err.line };
  const fields = dbErrorFields(err);
  if (isConnectionLoss(fields)) return { reason: 'connection', message: `the connection was lost: ${fields.message}` };
  const copyLine = /COPY [^,]+, line (\d+)/.exec(fields.where ?? '');
  const line = copyLine ? lines[Number(copyLine[1]) - 1] : undefined;
  const code = fields.code ? ` [SQLSTATE ${fields.code}]` : '';
  if (fields.code === '57014') return { reason: 'cancelled', message: 'cancelled' };
  return { reason: 'server-error', message: `${line !== undefined ? `line ${line}: ` : ''}${fields.message}${code}${fields.detail ? ` (${fields.detail})` : ''}`, line };
}
