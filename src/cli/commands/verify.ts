// `pgvector-migrator verify`: every DOWN tested for real. Each migration in order, on a scratch
// database: UP, DOWN, compare the schema with before UP, UP again. Never touches the project's
// database; --database-url names a server to create (and drop) a throwaway database on.
import * as path from 'node:path';
import { MigrationVerifyResult, SCHEMA_RULES, verifyRollbacks } from '../../core/schema';
import type { CliCommand } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import { relativePath, toJsonFindings } from '../lint-output/json';
import { formatText } from '../lint-output/text';
import { formatOption } from '../project';
import { withScratchPool } from '../scratch';

const STATUS_LABEL: Record<MigrationVerifyResult['status'], string> = { passed: 'ok', failed: 'FAILED', skipped: 'skipped' };

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'test every DOWN on a scratch database: UP, DOWN, compare with before, UP again',
  usage: '[--format text|json]',
  options: {},
  async run(args, io) {
    const format = formatOption(args, ['text', 'json']);
    const results = await withScratchPool(args, io,
      ({ set }, where) => `Verifying ${set.migrations.length} migration(s) on ${where}: UP, DOWN, compare, UP again`,
      ({ project, set, pool }) => verifyRollbacks(set, project.config, { pool, signal: io.signal }));
    const failed = results.some((r) => r.status === 'failed');
    if (format === 'json') {
      io.out(JSON.stringify({ migrations: results.map((r) => toJson(r, io.cwd)) }, null, 2));
    } else {
      io.out(verifyText(results, io.cwd));
    }
    return failed ? EXIT_FAILED : EXIT_OK;
  },
};

function toJson(r: MigrationVerifyResult, cwd: string) {
  return {
    version: r.migration.version,
    name: r.migration.name,
    file: relativePath(cwd, r.migration.up.file),
    status: r.status,
    differences: r.differences,
    reason: r.reason ?? null,
    durationMs: Math.round(r.durationMs),
    findings: toJsonFindings(r.findings, cwd).map((f, i) => ({ ...f, help: r.findings[i].help ?? null })),
  };
}

/** One line per migration (its first difference or why it was skipped), then the findings with their places. */
export function verifyText(results: readonly MigrationVerifyResult[], cwd: string): string {
  if (results.length === 0) return 'No migrations found.';
  const width = Math.max(...Object.values(STATUS_LABEL).map((l) => l.length)) + 2;
  const lines: string[] = [];
  for (const r of results) {
    const name = path.basename(r.migration.up.file);
    const [first, ...rest] = r.differences.length > 0 ? r.differences : r.reason ? [r.reason] : [];
    lines.push(`${STATUS_LABEL[r.status].padEnd(width)}${name}${first ? `: ${first}` : ''}`);
    for (const more of rest) lines.push(`${' '.repeat(width)}${more}`);
  }
  const findings = results.flatMap((r) => r.findings);
  const count = (s: MigrationVerifyResult['status']) => results.filter((r) => r.status === s).length;
  const summary = `${results.length} migration(s): ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`;
  if (findings.length === 0) return [...lines, '', summary].join('\n');
  const details = formatText(findings, new Map(SCHEMA_RULES.map((m) => [m.id, m])), cwd, new Set(findings.map((f) => f.file)).size);
  // formatText ends with its own count of findings; the per-migration summary says more here.
  return [...lines, '', details.slice(0, details.lastIndexOf('\n\n')), '', summary].join('\n');
}
