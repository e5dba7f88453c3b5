// A bulk load: read the input, check every row against the table, COPY the rows in batches of
// their own transactions with the checkpoint beside them, then ANALYZE and rebuild deferred indexes.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '../db/types';
import { dbErrorFields, isConnectionLoss } from '../db/types';
import { ConfigError, MigratorError } from '../errors';
import { checkpointTable, Checkpoint, DeferredIndex, ensureCheckpointTable, readCheckpoint, writeCheckpoint } from './checkpoint';
import { annIndexesOf, dropIndexes, rebuildIndexes } from './indexes';
import { describeSource, formatFromName, openInput, InputSource, OpenedInput } from './input';
import { InputRecord, readRecords } from './records';
import { RejectsFile } from './rejects';
import { ColumnMapping, mapColumns, rowChecker, Checked } from './row-check';
import { readTargetTable, TargetTable } from './target';
import type { InputFormat, LoadProgress, LoadResult, Rejection, StopReason } from './types';

export interface LoadOptions {
  /** A path (relative to cwd) or "-" for `stdin`. */
  file: string;
  cwd: string;
  stdin?: Readable;
  table: string;
  /** The table columns of the file's columns, in file order (CSV/TSV), or the keys to load (JSON Lines). */
  columns?: string[];
  format?: InputFormat;
  batchRows?: number;
  resume?: boolean;
  rejectsFile?: string;
  maxRejects?: number;
  truncate?: boolean;
  dryRun?: boolean;
  deferIndexes?: boolean;
  /** The project's history table: the checkpoints live beside it. */
  historyTable: string;
  /** The project's distance is cosine: zero vectors are rejected. */
  cosine: boolean;
  /** Opens a second connection to the same database: the index builds' progress is read on it. */
  openMonitor?: () => Promise<Db>;
  /** How the user resumes this load (the CLI's command line with --resume), for messages. */
  resumeCommand?: string;
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
}

export const DEFAULT_BATCH_ROWS = 10_000;
/** Characters of COPY text in one chunk: the embedded database gets one Blob of this size at most. */
const CHUNK_CHARS = 1 << 20;
const FIRST_REJECTIONS = 20;

class StopLoad extends Error {
  constructor(readonly reason: StopReason, message: string, readonly line?: number) {
    super(message);
  }
}

interface Prepared {
  source: InputSource;
  format: InputFormat;
  target: TargetTable;
  mapping: ColumnMapping;
  check: (record: InputRecord) => Checked;
  input: OpenedInput;
  records: AsyncIterator<InputRecord>;
  /** A record read while preparing (JSON Lines peeks at its first record). */
  pending?: InputRecord;
  checkpoint?: Checkpoint;
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

export interface LoadPreview {
  /** "schema.table" as the catalog spells it. */
  table: string;
  /** Each loaded column: its name and type in the table (file order). */
  columns: { name: string; type: string }[];
  /** Table columns the file leaves out (they get their defaults, or NULL). */
  leftOut: string[];
  rowsChecked: number;
  /** Bad rows among the first `rows`. */
  rejections: Rejection[];
  /** An interrupted load of this file into this table, when there is one. */
  interrupted?: { rowsLoaded: number; committedThroughLine: number };
}

/** What a load would do, from the first `rows` rows: the mapping and the bad rows (nothing is written). */
export async function previewLoad(db: Db, options: Omit<LoadOptions, 'resume' | 'truncate' | 'dryRun'>, rows = 1000): Promise<LoadPreview> {
  const p = await prepare(db, { ...options, dryRun: true });
  try {
    const rejections: Rejection[] = [];
    let checked = 0;
    for (let r = await nextRecord(p); r && checked < rows; r = await nextRecord(p)) {
      checked++;
      const c = p.check(r);
      if ('reason' in c && rejections.length < FIRST_REJECTIONS) rejections.push({ line: r.line, reason: c.reason });
    }
    const ck = p.checkpoint;
    return {
      table: p.target.display,
      columns: p.mapping.columns.map((c) => ({ name: c.name, type: c.type })),
      leftOut: p.target.columns.filter((c) => !p.mapping.columns.includes(c)).map((c) => c.name),
      rowsChecked: checked,
      rejections,
      interrupted: ck?.state === 'running' && ck.rowsLoaded > 0 ? { rowsLoaded: ck.rowsLoaded, committedThroughLine: ck.committedThroughLine } : undefined,
    };
  } finally {
    p.input.close();
  }
}

async function prepare(db: Db, options: LoadOptions): Promise<Prepared> {
  const source = describeSource(options.file, options.cwd);
  const format = options.format ?? formatFromName(source.name);
  if (!format) throw new ConfigError(`cannot tell the format of ${source.name} from its name`, { fix: 'pass --input-format csv, tsv or jsonl' });
  const target = await readTargetTable(db, options.table);
  const ckTable = checkpointTable(options.historyTable);
  const checkpoint = await readCheckpoint(db, ckTable, target.display, source.key);
  checkResumable(options, source, target, checkpoint);
  const resuming = options.resume && checkpoint && checkpoint.lastRecordSha ? checkpoint : undefined;
  const input = openInput(source, options.stdin ?? process.stdin, resuming ? { bytes: resuming.resumeBytes, line: resuming.resumeLine, header: format !== 'jsonl' } : undefined);
  const records = readRecords(input.lines, format)[Symbol.asyncIterator]();
  try {
    let names: string[];
    let where: string;
    let pending: InputRecord | undefined;
    if (format === 'jsonl') {
      const first = await records.next();
      pending = first.done ? undefined : first.value;
      where = options.columns ? '--columns' : `line ${pending?.line ?? 1} of ${source.name}`;
      names = options.columns ?? (options.resume && checkpoint ? checkpoint.columns : jsonKeys(pending));
    } else {
      const header = await records.next();
      if (header.done) throw new MigratorError(`${source.name} is empty: a ${format.toUpperCase()} file starts with a header row naming the columns`);
      if (header.value.error) throw new ConfigError(`line ${header.value.line} (the header) of ${source.name} ${header.value.error}`);
      const fields = header.value.fields!;
      if (options.columns && options.columns.length !== fields.length) {
        throw new ConfigError(`--columns names ${options.columns.length} columns, the header of ${source.name} has ${fields.length}`);
      }
      names = options.columns ?? fields.map((f) => f ?? '');
      where = options.columns ? '--columns' : `the header of ${source.name}`;
    }
    const mapping = mapColumns(target, names, where);
    if (options.resume && checkpoint && checkpoint.columns.join(',') !== mapping.columns.map((c) => c.name).join(',')) {
      throw new MigratorError(`the columns of ${source.name} (${mapping.columns.map((c) => c.name).join(', ')}) differ from the interrupted load's (${checkpoint.columns.join(', ')})`, {
        fix: 'resume with the same file and --columns, or start over with --truncate',
      });
    }
    const check = rowChecker(format, mapping, { cosine: options.cosine });
    const prepared: Prepared = { source, format, target, mapping, check, input, records, pending, checkpoint };
    if (resuming) await verifyResumePoint(prepared, resuming);
    return prepared;
  } catch (err) {
    input.close();
    throw err;
  }
}

function checkResumable(options: LoadOptions, source: InputSource, target: TargetTable, checkpoint: Checkpoint | undefined): void {
  const resume = options.resumeCommand ?? 'the same load with --resume';
  if (options.resume) {
    if (!checkpoint) throw new MigratorError(`nothing to resume: no load of ${source.name} into ${target.display} was interrupted`, { fix: 'run the load without --resume' });
    if (checkpoint.state === 'done') {
      throw new MigratorError(`nothing to resume: the load of ${source.name} into ${target.display} finished (${checkpoint.rowsLoaded} rows, ${checkpoint.updatedAt.toISOString()})`, {
        fix: 'to load the file again, run the load without --resume (with --truncate to replace the rows)',
      });
    }
    return;
  }
  if (checkpoint?.state === 'running' && checkpoint.rowsLoaded > 0 && !options.truncate && !options.dryRun) {
    throw new MigratorError(`${target.display} holds ${checkpoint.rowsLoaded} rows from an interrupted load of ${source.name} (committed through line ${checkpoint.committedThroughLine})`, {
      detail: 'loading it again from the start would add those rows twice',
      fix: `resume it: ${resume}; or start over, emptying the table: the same load with --truncate`,
    });
  }
}

function jsonKeys(record: InputRecord | undefined): string[] {
  const json = record?.json;
  if (!json || Array.isArray(json)) {
    throw new ConfigError(`cannot tell the columns from line ${record?.line ?? 1}: it is ${record?.error ? `unreadable (${record.error})` : 'not a JSON object'}`, { fix: 'pass --columns' });
  }
  return Object.keys(json);
}

/** The record the checkpoint ends with must be the same text, or the file changed since. */
async function verifyResumePoint(p: Prepared, checkpoint: Checkpoint): Promise<void> {
  const next = await nextRecord(p);
  if (!next || sha(next.text) !== checkpoint.lastRecordSha) {
    throw new MigratorError(`${p.source.name} is not the file of the interrupted load: line ${checkpoint.resumeLine + 1} differs from the last row it committed`, {
      fix: 'resume with the same input, or start over with --truncate',
    });
  }
}

function sha(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

async function nextRecord(p: Prepared): Promise<InputRecord | undefined> {
  if (p.pending) {
    const r = p.pending;
    p.pending = undefined;
    return r;
  }
  const n = await p.records.next();
  return n.done ? undefined : n.value;
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

function summary(p: Prepared, c: Counters, started: number, resumedFrom: number | null, rejects: RejectsFile) {
  return {
    table: p.target.display,
    rowsLoaded: c.rowsLoaded,
    rowsRejected: c.rowsRejected,
    batches: c.batches,
    durationMs: Math.round(performance.now() - started),
    resumedFrom,
    rejectsFile: rejects.written ? rejects.path : null,
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
  const maxRejects = options.maxRejects ?? 0;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const copyTarget = `${p.target.quoted} (${p.mapping.columns.map((col) => col.quoted).join(', ')})`;
  let stopped: LoadResult['stopped'];
  try {
    for (;;) {
      if (options.signal?.aborted) { stopped = { reason: 'cancelled', message: 'cancelled' }; break; }
      const batch = { lines: [] as number[], rejected: 0, consumed: 0, last: undefined as InputRecord | undefined };
      const rows = async function* (): AsyncGenerator<string> {
        let chunk = '';
        while (batch.lines.length < batchRows) {
          if (options.signal?.aborted) throw new StopLoad('cancelled', 'cancelled');
          const record = await nextRecord(p).catch((err) => {
            if (options.signal?.aborted) throw new StopLoad('cancelled', 'cancelled');
            throw err;
          });
          if (options.signal?.aborted) throw new StopLoad('cancelled', 'cancelled');
          if (!record) break;
          batch.consumed++;
          batch.last = record;
          const checked = p.check(record);
          if ('reason' in checked) {
            batch.rejected++;
            reject(c, rejects, { line: record.line, reason: checked.reason });
            if (c.rowsRejected > maxRejects) {
              throw new StopLoad('rejects', `line ${record.line}: ${checked.reason}`, record.line);
            }
            continue;
          }
          chunk += checked.row;
          batch.lines.push(record.line);
          c.rowsSent++;
          if (chunk.length >= CHUNK_CHARS) {
            yield chunk;
            chunk = '';
            progress(options, p, c, started, 'loading');
          }
        }
        if (chunk) yield chunk;
      };
      await db.execute('BEGIN');
      try {
        await db.copyFrom(copyTarget, rows());
        if (batch.consumed === 0) { await db.execute('ROLLBACK'); break; }
        const last = batch.last!;
        Object.assign(ck, {
          resumeBytes: last.startBytes, resumeLine: last.linesBefore, lastRecordSha: sha(last.text), committedThroughLine: last.lastLine,
          rowsLoaded: ck.rowsLoaded + batch.lines.length, rowsRejected: ck.rowsRejected + batch.rejected, batches: ck.batches + 1,
        });
        await writeCheckpoint(db, ckTable, p.target.display, p.source.key, ck);
        rejects.flush();
        await db.execute('COMMIT');
      } catch (err) {
        await db.execute('ROLLBACK').catch(() => undefined);
        c.rowsSent -= batch.lines.length;
        stopped = stopOf(err, batch.lines);
        break;
      }
      c.rowsLoaded += batch.lines.length;
      c.rowsSent = c.rowsLoaded;
      c.batches++;
      progress(options, p, c, started, 'loading');
    }
  } finally {
    await rejects.close();
  }
  let rebuilt: string[] = [];
  if (!stopped) {
    progress(options, p, c, started, 'analyzing', `ANALYZE ${p.target.display}`);
    await db.execute(`ANALYZE ${p.target.quoted}`);
    if (ck.deferredIndexes.length > 0) {
      rebuilt = await rebuildIndexes(db, p.target, ck.deferredIndexes, {
        concurrently: !ck.tableWasEmpty,
        rows: ck.rowsLoaded,
        onIndex: (message) => progress(options, p, c, started, 'indexing', message),
        openMonitor: options.openMonitor,
        onBuildProgress: (build) => options.onProgress?.({ ...snapshot(options, p, c, started, 'indexing'), indexBuild: build }),
      });
    }
    await inTransaction(db, () => writeCheckpoint(db, ckTable, p.target.display, p.source.key, { ...ck, state: 'done', deferredIndexes: [] }));
    progress(options, p, c, started, 'done');
  }
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
