import type { CliCommand } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import { formatOption, readProject, relativeFile, withDatabase } from '../project';
import { reportFailed, renderReportMarkdown, renderReportText, reportJson, validateDatabase } from '../../core/validate';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check the data in the database: vector dimensions and norms, indexes, constraints, sequences, history',
  usage: '[--format text|json|markdown]',
  options: {},
  async run(args, io) {
    const format = formatOption(args, ['text', 'json', 'markdown']);
    const opened = readProject(args, io);
    const rel = (file: string) => relativeFile(io, file);
    const report = await withDatabase(opened, io, (db) =>
      validateDatabase(db, { set: opened.set, config: opened.project.config }, {
        signal: io.signal,
        // Progress goes to stderr so that stdout stays the report alone (JSON for CI).
        onProgress: (p) => { if (p.message !== 'done') io.err(`[${p.done + 1}/${p.total}] ${p.message}`); },
      }));
    if (format === 'json') io.out(JSON.stringify(reportJson(report, rel), null, 2));
    else if (format === 'markdown') io.out(renderReportMarkdown(report, rel));
    else io.out(renderReportText(report, rel));
    if (report.cancelled) io.err('Validation was cancelled: the report holds the checks that finished.');
    return reportFailed(report) ? EXIT_FAILED : EXIT_OK;
  },
};
