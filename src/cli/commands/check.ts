// `pgvector-migrator check`: checklist items 1 and 5 with PostgreSQL as the judge. The migrations
// and the architecture spec are each built in a scratch database and compared; the spec's query
// patterns are planned on the migrated schema. Prints findings the way lint does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkArchitecture, SCHEMA_RULES } from '../../core/schema';
import type { CliCommand } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import { toJsonFindings } from '../lint-output/json';
import { formatText } from '../lint-output/text';
import { formatOption } from '../project';
import { withScratchPool } from '../scratch';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'compare the migrated schema with the architecture spec and plan its query patterns, on a scratch database',
  usage: '[--format text|json]',
  options: {},
  async run(args, io) {
    const format = formatOption(args, ['text', 'json']);
    const { project, set, findings } = await withScratchPool(args, io,
      ({ project, set }, where) => (fs.existsSync(path.resolve(project.projectDir, project.config.architectureSpec))
        ? `Checking ${set.migrations.length} migration(s) against ${project.config.architectureSpec} on ${where}`
        : `Checking ${set.migrations.length} migration(s) on ${where}: no architecture spec at ${path.relative(io.cwd, path.resolve(project.projectDir, project.config.architectureSpec)) || project.config.architectureSpec}, so applying them and planning the searches they define`),
      async ({ project, set, pool }) => ({ project, set, findings: await checkArchitecture(project, { pool, set, signal: io.signal }) }));
    if (format === 'json') {
      io.out(JSON.stringify(toJsonFindings(findings, io.cwd).map((f, i) => ({ ...f, ...(findings[i].detail ? { detail: findings[i].detail } : {}) })), null, 2));
    } else {
      const files = new Set([...set.migrations.flatMap((m) => m.files), path.resolve(project.projectDir, project.config.architectureSpec)]);
      io.out(formatText(findings, new Map(SCHEMA_RULES.map((m) => [m.id, m])), io.cwd, files.size));
    }
    return findings.some((f) => f.severity === 'error') ? EXIT_FAILED : EXIT_OK;
  },
};
