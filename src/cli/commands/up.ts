import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { readProject, relativeFile, withDatabase } from '../project';
import { SKIPPED_FILE_PROBLEMS } from '../../core/migrations/types';
import { runMigrations } from '../../core/runner/run';
import { finishRun, printEvent, printPlan } from './run-output';

export const upCommand: CliCommand = {
  name: 'up',
  summary: 'apply pending migrations in version order',
  usage: '[--to VERSION] [--dry-run] [--allow-drift] [--allow-out-of-order] [--retry-failed] [--skip-requires] [--verbose]',
  options: {
    to: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'allow-drift': { type: 'boolean' },
    'allow-out-of-order': { type: 'boolean' },
    'retry-failed': { type: 'boolean' },
    'skip-requires': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
  },
  async run(args, io) {
    const opened = readProject(args, io);
    for (const p of opened.set.problems.filter((x) => SKIPPED_FILE_PROBLEMS.has(x.kind))) {
      io.err(`warning: ${relativeFile(io, p.file)}: ${p.message}; skipped (list it in "ignore" in pgvector-migrator.json if it is not a migration)`);
    }
    const dryRun = Boolean(args.values['dry-run']);
    const result = await withDatabase(opened, io, (db) => runMigrations(db, opened.set, opened.project.config, {
      direction: 'up',
      to: args.values.to as string | undefined,
      dryRun,
      allowDrift: Boolean(args.values['allow-drift']),
      allowOutOfOrder: Boolean(args.values['allow-out-of-order']),
      retryFailed: Boolean(args.values['retry-failed']),
      skipRequires: Boolean(args.values['skip-requires']),
      signal: io.signal,
      onEvent: printEvent(io, Boolean(args.values.verbose)),
    }));
    if (dryRun) {
      printPlan(io, result);
      if (result.plan.length === 0) io.out('Nothing to apply: every migration is applied.');
      return EXIT_OK;
    }
    return finishRun(io, result, 'up');
  },
};
