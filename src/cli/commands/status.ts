import * as path from 'node:path';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { formatOption, readProject, relativeFile, withDatabase } from '../project';
import { readStatus } from '../../core/runner/run';
import type { StatusEntry } from '../../core/runner/status';
import { describeInvalid } from '../../core/runner/built-indexes';
import { waitingText } from '../../core/runner/requires';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'list every migration with its state: applied, pending, failed, changed, missing',
  usage: '[--format text|json]',
  options: {},
  async run(args, io) {
    const format = formatOption(args, ['text', 'json']);
    const opened = readProject(args, io);
    const report = await withDatabase(opened, io, (db) => readStatus(db, opened.set, opened.project.config));
    for (const foreign of report.foreignHistory) {
      io.err(`Found ${foreign.table} (${foreign.tool}) in this database; pgvector-migrator keeps its own history in ${opened.project.config.historyTable} and never writes there (\`pgvector-migrator adopt\` takes over what it applied).`);
    }
    for (const problem of opened.set.problems) io.err(`warning: ${relativeFile(io, problem.file)}: ${problem.message}`);
    if (format === 'json') io.out(JSON.stringify(report.entries.map((e) => toJson(e, io.cwd)), null, 2));
    else io.out(statusTable(report.entries, (f) => relativeFile(io, f)));
    return EXIT_OK;
  },
};

function toJson(e: StatusEntry, cwd: string) {
  return {
    version: e.version,
    name: e.name,
    file: e.file ? path.relative(cwd, e.file) : null,
    state: e.state,
    appliedAt: e.appliedAt ? e.appliedAt.toISOString() : null,
    durationMs: e.durationMs ?? null,
    checksum: e.checksum,
    ...(e.waiting ? { waiting: e.waiting.answer } : {}),
  };
}

/** "waiting (backfill 812,344 of 1,000,000 rows, 81%)", "FAILED (index x invalid)", "applied". */
function stateText(e: StatusEntry): string {
  if (e.waiting) return waitingText(e.waiting);
  return e.invalidIndexes ? `${STATE_LABEL[e.state]} (${describeInvalid(e.invalidIndexes)})` : STATE_LABEL[e.state];
}

const STATE_LABEL: Record<StatusEntry['state'], string> = {
  applied: 'applied',
  pending: 'pending',
  failed: 'FAILED',
  changed: 'CHANGED after apply',
  missing: 'MISSING on disk',
};

export function statusTable(entries: StatusEntry[], rel: (file: string) => string): string {
  if (entries.length === 0) return 'No migrations found.';
  const rows = entries.map((e) => [
    e.version,
    e.file ? rel(e.file) : `${e.version}_${e.name} (file missing)`,
    stateText(e),
    e.appliedAt ? e.appliedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '',
    e.durationMs !== undefined && e.state !== 'pending' ? `${e.durationMs} ms` : '',
  ]);
  const header = ['VERSION', 'FILE', 'STATE', 'APPLIED AT', 'DURATION'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const count = (state: StatusEntry['state']) => entries.filter((e) => e.state === state).length;
  const others = (['failed', 'changed', 'missing'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const waiting = entries.filter((e) => e.waiting).length;
  const pending = `${count('pending')} pending${waiting > 0 ? ` (${waiting} waiting for its Requires)` : ''}`;
  const summary = `${entries.length} migration(s): ${[`${count('applied')} applied`, pending, ...others].join(', ')}`;
  return [line(header), ...rows.map(line), '', summary].join('\n');
}
