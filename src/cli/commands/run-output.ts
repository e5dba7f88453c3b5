// Shared printing for `up` and `down`: the plan, each step as it completes, and the failure.
import * as path from 'node:path';
import type { CliIo } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import type { RunResult } from '../../core/runner/run';
import type { RunEvent } from '../../core/runner/execute';
import { formatUserError } from '../../core/errors';
import { redactSecrets } from '../../core/db/redact';
import { formatIndexProgress } from '../../core/db/index-build-progress';

/** Without a terminal to redraw, a progress line every this often (CI logs stay short). */
const PROGRESS_LOG_INTERVAL_MS = 10_000;

export function printEvent(io: CliIo, verbose: boolean) {
  let lastLogged = -Infinity;
  let statusShown = false;
  return (event: RunEvent) => {
    if (event.kind === 'index-progress') {
      const line = `  ${path.basename(event.migration.files[0])}: ${formatIndexProgress(event.progress)}`;
      if (io.status) {
        io.status(line);
        statusShown = true;
      } else if (event.progress.elapsedMs - lastLogged >= PROGRESS_LOG_INTERVAL_MS) {
        lastLogged = event.progress.elapsedMs;
        io.err(line);
      }
      return;
    }
    if (statusShown) {
      io.status?.('');
      statusShown = false;
    }
    if (event.kind === 'migration-start') lastLogged = -Infinity;
    if (event.kind === 'warning') {
      io.err(`warning: ${path.basename(event.migration.files[0])}: ${event.message}`);
    } else if (event.kind === 'migration-start' && event.mode === 'as-written') {
      io.err(`  ${path.basename(event.migration.files[0])}: running statement by statement outside a transaction (${event.reason})`);
    } else if (event.kind === 'statement' && verbose) {
      io.err(`    ${path.basename(event.file)}:${event.line}: ${event.sql.split('\n')[0].slice(0, 100)}`);
    } else if (event.kind === 'migration-done') {
      const verb = event.direction === 'up' ? 'applied' : 'rolled back';
      io.out(`  ${verb.padEnd(11)} ${path.basename(event.migration.files[event.direction === 'down' ? event.migration.files.length - 1 : 0])} (${Math.round(event.durationMs)} ms)`);
    }
  };
}

export function printPlan(io: CliIo, result: RunResult): void {
  if (result.plan.length === 0) return;
  io.out('Plan (dry run, nothing was changed):');
  for (const step of result.plan) io.out(`  ${step.direction === 'up' ? 'apply   ' : 'roll back'} ${path.basename(step.migration.files[0])}`);
}

export function finishRun(io: CliIo, result: RunResult, direction: 'up' | 'down'): number {
  for (const skipped of result.skippedRequires ?? []) {
    io.err(`warning: ${path.basename(skipped.migration.files[0])} was applied with --skip-requires although its Requires answered ${skipped.requires.answer} (noted in the history)`);
  }
  if (result.waiting) {
    const { migration, requires } = result.waiting;
    const file = path.relative(io.cwd, migration.files[0]);
    io.err(`${file} waits: its precondition is not met (${requires.answer}), so up stopped before it and changed nothing of it`);
    io.err(`  Requires: ${requires.sql}`);
    io.err('  fix: finish what it waits for (the backfill) and run up again, or pass --skip-requires to apply it anyway');
    if (result.completed.length > 0) io.out(`${result.completed.length} migration(s) applied before it.`);
    return EXIT_FAILED;
  }
  if (result.failure) {
    io.err(redactSecrets(formatUserError(result.failure, io.cwd)));
    const doneVerb = direction === 'up' ? 'applied' : 'rolled back';
    if (result.completed.length > 0) io.err(`${result.completed.length} migration(s) ${doneVerb} before the failure stay ${doneVerb}.`);
    return EXIT_FAILED;
  }
  if (result.plan.length === 0) io.out(direction === 'up' ? 'Nothing to apply: every migration is applied.' : 'Nothing to roll back.');
  else io.out(`${result.completed.length} migration(s) ${direction === 'up' ? 'applied' : 'rolled back'}.`);
  return EXIT_OK;
}
