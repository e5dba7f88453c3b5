// `pgvector-migrator check`: checklist items 1 and 5 with PostgreSQL as the judge. The migrations
// and the architecture spec are each built in a scratch database and compared; the spec's query
// patterns are planned on the migrated schema. Prints findings the way lint does.
import * as path from 'node:path';
import { loadProject } from '../../core/config/config';
import { loadMigrationSet } from '../../core/migrations/discover';
import { checkArchitecture, ScratchPool, SCHEMA_RULES, SchemaFinding } from '../../core/schema';
import type { CliCommand } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import { toJsonFindings } from '../lint-output/json';
import { formatText } from '../lint-output/text';
import { formatOption } from '../project';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'compare the migrated schema with the architecture spec and plan its query patterns, on a scratch database',
  usage: '[--format text|json]',
  options: {},
  async run(args, io) {
    const format = formatOption(args, ['text', 'json']);
    const project = loadProject(args.values.dir as string | undefined, io.cwd);
    const set = loadMigrationSet(project.migrationsDir, project.config.layout);
    const serverUrl = args.values['database-url'] as string | undefined;
    const pool = new ScratchPool(serverUrl ? { serverUrl } : {});
    io.err(`Checking ${set.migrations.length} migration(s) against ${project.config.architectureSpec} on ${pool.description}`);
    let findings: SchemaFinding[];
    try {
      findings = await checkArchitecture(project, { pool, set, signal: io.signal });
    } finally {
      await pool.dispose();
    }
    if (format === 'json') {
      io.out(JSON.stringify(toJsonFindings(findings, io.cwd).map((f, i) => ({ ...f, ...(findings[i].detail ? { detail: findings[i].detail } : {}) })), null, 2));
    } else {
      const files = new Set([...set.migrations.flatMap((m) => m.files), path.resolve(project.projectDir, project.config.architectureSpec)]);
      io.out(formatText(findings, new Map(SCHEMA_RULES.map((m) => [m.id, m])), io.cwd, files.size));
    }
    return findings.some((f) => f.severity === 'error') ? EXIT_FAILED : EXIT_OK;
  },
};
