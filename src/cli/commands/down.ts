import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { readProject, UsageError, withDatabase } from '../project';
import { runMigrations } from '../../core/runner/run';
import { finishRun, printEvent, printPlan } from './run-output';

export const downCommand: CliCommand = {
  name: 'down',
  summary: 'roll back applied migrations, newest first (default: the newest one)',
  usage: '[--to VERSION | --steps N] [--dry-run] [--verbose]   (--to 0 rolls back everything)',
  options: {
    to: { type: 'string' },
    steps: { type: 'string' },
    'dry-run': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
  },
  async run(args, io) {
    const to = args.values.to as string | undefined;
    const stepsText = args.values.steps as string | undefined;
    if (to !== undefined && stepsText !== undefined) throw new UsageError('use either --to or --steps, not both');
    if (to !== undefined && !/^\d+([._]\d+)*$/.test(to)) throw new UsageError(`--to takes a version such as 0003 (got "${to}")`);
    const steps = stepsText === undefined ? undefined : Number(stepsText);
    if (steps !== undefined && (!Number.isInteger(steps) || steps < 1)) throw new UsageError(`--steps takes a positive whole number (got "${stepsText}")`);
    const opened = readProject(args, io);
    const dryRun = Boolean(args.values['dry-run']);
    const result = await withDatabase(opened, io, (db) => runMigrations(db, opened.set, opened.project.config, {
      direction: 'down', to, steps, dryRun, signal: io.signal, onEvent: printEvent(io, Boolean(args.values.verbose)),
    }));
    if (dryRun) {
      printPlan(io, result);
      if (result.plan.length === 0) io.out('Nothing to roll back.');
      return EXIT_OK;
    }
    return finishRun(io, result, 'down');
  },
};
