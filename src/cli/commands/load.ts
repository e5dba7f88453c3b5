import type { CliCommand, CliIo, ParsedArgs } from '../command';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command';
import { announceTarget, formatOption, readProject, relativeFile, UsageError } from '../project';
import { openTarget } from '../../core/db/connect';
import { redactSecrets } from '../../core/db/redact';
import { formatUserError } from '../../core/errors';
import { loadFile, DEFAULT_BATCH_ROWS, InputFormat, LoadResult } from '../../core/load';
import { validateDatabase } from '../../core/validate';
import { progressPrinter } from './load-output';

export const loadCommand: CliCommand = {
  name: 'load',
  summary: 'bulk-load a CSV, TSV or JSON Lines file into a table with COPY, every row checked first',
  usage: 'FILE --table TABLE [--columns a,b,c] [--input-format csv|tsv|jsonl] [--batch-rows N] [--resume] [--rejects FILE] [--max-rejects N] [--truncate] [--defer-indexes] [--dry-run] [--format text|json]',
  options: {
    table: { type: 'string', short: 't' },
    columns: { type: 'string' },
    'input-format': { type: 'string' },
    'batch-rows': { type: 'string' },
    resume: { type: 'boolean' },
    rejects: { type: 'string' },
    'max-rejects': { type: 'string' },
    truncate: { type: 'boolean' },
    'defer-indexes': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  },
  async run(args, io) {
    const format = formatOption(args, ['text', 'json']);
    const file = args.positionals[0];
    if (!file || args.positionals.length > 1) throw new UsageError('load takes one FILE (or - for standard input)', { fix: 'pgvector-migrator load data.csv --table items' });
    const table = args.values.table as string | undefined;
    if (!table) throw new UsageError('load needs --table TABLE: the table the rows go into');
    const inputFormat = args.values['input-format'] as string | undefined;
    if (inputFormat !== undefined && !['csv', 'tsv', 'jsonl'].includes(inputFormat)) throw new UsageError(`--input-format must be one of csv, tsv, jsonl (got "${inputFormat}")`);
    const batchRows = positiveInt(args, 'batch-rows', DEFAULT_BATCH_ROWS, 1);
    const maxRejects = positiveInt(args, 'max-rejects', 0, 0);
    const opened = readProject(args, io);
    announceTarget(opened.target, io);
    let db;
    try {
      db = await openTarget(opened.target, 'pgvector-migrator CLI (load)');
    } catch (err) {
      io.err(redactSecrets(formatUserError(err, io.cwd)));
      return EXIT_USAGE; // a connection that cannot be opened is a configuration problem
    }
    try {
      const printer = progressPrinter(io);
      const result = await loadFile(db, {
        file,
        cwd: io.cwd,
        stdin: io.stdin,
        table,
        columns: (args.values.columns as string | undefined)?.split(',').map((c) => c.trim()).filter(Boolean),
        format: inputFormat as InputFormat | undefined,
        batchRows,
        maxRejects,
        resume: Boolean(args.values.resume),
        rejectsFile: args.values.rejects as string | undefined,
        truncate: Boolean(args.values.truncate),
        dryRun: Boolean(args.values['dry-run']),
        deferIndexes: Boolean(args.values['defer-indexes']),
        historyTable: opened.project.config.historyTable,
        cosine: opened.project.config.embedding.distance === 'cosine',
        openMonitor: () => openTarget(opened.target, 'pgvector-migrator CLI (load: index build progress)'),
        resumeCommand: resumeCommand(args, file),
        signal: io.signal,
        onProgress: printer.update,
      });
      printer.end();
      if (format === 'json') io.out(JSON.stringify(result.summary, null, 2));
      else printSummary(io, result);
      if (result.stopped) {
        printStop(io, result, resumeCommand(args, file));
        return EXIT_FAILED;
      }
      if (!result.dryRun && format === 'text') {
        // Rows the loader checked need no second look for what it checks: a table it filled from
        // empty skips those scans (a million vectors read again would double the load's time).
        const skip = result.tableWasEmpty ? (['vector-dimensions', 'vector-zero-norm'] as const) : [];
        const report = await validateDatabase(db, { set: opened.set, config: opened.project.config }, { tables: [result.summary.table], skip, signal: io.signal });
        printChecks(io, report.checks);
      }
      return result.summary.rowsRejected > 0 ? EXIT_FAILED : EXIT_OK;
    } finally {
      await db.close();
    }
  },
};

function rows(n: number): string {
  return `${n.toLocaleString('en')} row${n === 1 ? '' : 's'}`;
}

function positiveInt(args: ParsedArgs, name: string, fallback: number, min: number): number {
  const raw = args.values[name] as string | undefined;
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer of at least ${min} (got "${raw}")`);
  return n;
}

/** The command line that resumes this load: the same arguments with --resume, without --truncate. */
function resumeCommand(args: ParsedArgs, file: string): string {
  const parts = ['pgvector-migrator', 'load', quoteArg(file)];
  const keep = ['table', 'columns', 'input-format', 'batch-rows', 'rejects', 'max-rejects', 'dir', 'database-url'];
  for (const name of keep) {
    const v = args.values[name];
    if (typeof v === 'string') parts.push(`--${name}`, quoteArg(name === 'database-url' ? redactSecrets(v) : v));
  }
  if (args.values['defer-indexes']) parts.push('--defer-indexes');
  parts.push('--resume');
  return parts.join(' ');
}

function quoteArg(s: string): string {
  return /^[\w./:@,=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function printSummary(io: CliIo, result: LoadResult): void {
  const s = result.summary;
  const seconds = s.durationMs / 1000;
  const rate = seconds > 0 ? ` (${Math.round(s.rowsLoaded / seconds).toLocaleString('en')} rows/s)` : '';
  if (result.dryRun) {
    io.out(`Dry run: ${result.summary.rowsRejected === 0 ? 'every row is valid' : `${rows(s.rowsRejected)} would be rejected`}; nothing was loaded into ${s.table}.`);
  } else {
    const resumed = s.resumedFrom !== null ? ` after line ${s.resumedFrom} (resumed)` : '';
    io.out(`Loaded ${rows(s.rowsLoaded)} into ${s.table}${resumed} in ${s.batches} batch${s.batches === 1 ? '' : 'es'}, ${seconds.toFixed(1)} s${rate}.`);
  }
  if (s.rowsRejected > 0 && s.rejectsFile) {
    const first = result.firstRejections[0];
    io.out(`Rejected ${rows(s.rowsRejected)}: see ${relativeFile(io, s.rejectsFile)}${first ? ` (first: line ${first.line}: ${first.reason})` : ''}.`);
  }
  if (result.rebuiltIndexes.length > 0) io.out(`Rebuilt ${result.rebuiltIndexes.join(', ')}.`);
}

function printStop(io: CliIo, result: LoadResult, resume: string): void {
  const stopped = result.stopped!;
  const why = stopped.reason !== 'cancelled' ? `the load stopped: ${stopped.message}` : stopped.message === 'cancelled' ? 'the load was interrupted' : `the load was interrupted: ${stopped.message}`;
  io.err(`error: ${why}`);
  const through = result.committedThroughLine > 0 ? ` (the input through line ${result.committedThroughLine})` : '';
  io.err(`  ${rows(result.summary.rowsLoaded)} of this run ${result.summary.rowsLoaded === 1 ? 'is' : 'are'} committed${through}; nothing of the stopped batch is.`);
  if (stopped.reason === 'rejects') io.err('  fix the rejected rows (or allow some with --max-rejects N), then resume:');
  else if (stopped.reason === 'server-error') io.err(`  fix ${stopped.line !== undefined ? `line ${stopped.line}` : 'the input or the table'}, then resume:`);
  else io.err('  resume:');
  io.err(`    ${resume}`);
}

function printChecks(io: CliIo, checks: { id: string; status: string; column: string | null; message: string }[]): void {
  if (checks.length === 0) return;
  io.out('Checks of the table after the load:');
  for (const c of checks) io.out(`  ${c.status.toUpperCase().padEnd(5)} ${c.id}${c.column ? ` (${c.column})` : ''}: ${c.message}`);
}
