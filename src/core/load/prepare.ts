// The part of a load before any row is written: the input opened (at the checkpoint, for a
// resume), the table read from the catalog, the file's columns mapped onto it, a resume checked
// against the checkpoint. Shared by the load and its preview.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../db/types';
import { ConfigError, MigratorError } from '../errors';
import { checkpointTable, Checkpoint, readCheckpoint } from './checkpoint';
import { describeSource, formatFromName, openInput, InputSource, OpenedInput } from './input';
import { InputRecord, readRecords } from './records';
import { ColumnMapping, mapColumns, rowChecker, Checked } from './row-check';
import { readTargetTable, TargetTable } from './target';
import type { InputFormat, LoadProgress } from './types';

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

export interface Prepared {
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

export async function prepare(db: Db, options: LoadOptions): Promise<Prepared> {
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

export function sha(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export async function nextRecord(p: Prepared): Promise<InputRecord | undefined> {
  if (p.pending) {
    const r = p.pending;
    p.pending = undefined;
    return r;
  }
  const n = await p.records.next();
  return n.done ? undefined : n.value;
}
