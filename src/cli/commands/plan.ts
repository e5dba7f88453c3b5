import type { CliCommand } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import { formatOption, readProject, relativeFile, withDatabase } from '../project';
import { planDeployment, planFailed, planJson, renderPlanMarkdown, renderPlanText } from '../../core/plan';

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'show what each pending statement locks, rewrites, scans and builds, how long it takes, and the deployment procedure; changes nothing',
  usage: '[--to VERSION] [--format text|json|markdown] [--allow-drift] [--allow-out-of-order] [--retry-failed]',
  options: {
    to: { type: 'string' },
    'allow-drift': { type: 'boolean' },
    'allow-out-of-order': { type: 'boolean' },
    'retry-failed': { type: 'boolean' },
  },
  async run(args, io) {
    const format = formatOption(args, ['text', 'json', 'markdown']);
    const opened = readProject(args, io);
    const rel = (file: string) => relativeFile(io, file);
    const plan = await withDatabase(opened, io, (db) => planDeployment(db, opened.set, opened.project.config, {
      to: args.values.to as string | undefined,
      allowDrift: Boolean(args.values['allow-drift']),
      allowOutOfOrder: Boolean(args.values['allow-out-of-order']),
      retryFailed: Boolean(args.values['retry-failed']),
    }));
    if (plan.migrations.length === 0) {
      io.err('Nothing to plan: every migration is applied.');
      if (format === 'json') io.out(JSON.stringify(planJson(plan, rel), null, 2));
      return EXIT_FAILED;
    }
    if (format === 'json') io.out(JSON.stringify(planJson(plan, rel), null, 2));
    else if (format === 'markdown') io.out(renderPlanMarkdown(plan, rel));
    else io.out(renderPlanText(plan, rel));
    return planFailed(plan) ? EXIT_FAILED : EXIT_OK;
  },
};
