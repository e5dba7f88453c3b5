// `pgvector-migrator adopt [--from TOOL] [--dry-run]`: take over another tool's history.
import * as path from 'node:path';
import type { CliCommand } from '../command';
import { EXIT_FAILED, EXIT_OK } from '../command';
import { readProject, UsageError, withDatabase } from '../project';
import { adoptForeignHistory } from '../../core/runner/adopt';
import { FOREIGN_TOOLS } from '../../core/migrations/foreign/readers';
import type { ForeignToolId } from '../../core/migrations/foreign/types';
import type { Migration } from '../../core/migrations/types';

export const adoptCommand: CliCommand = {
  name: 'adopt',
  summary: 'record what another tool (dbmate, Flyway, Prisma, drizzle, goose, sqitch, ...) applied as applied here',
  usage: '[--from TOOL] [--dry-run]',
  options: {
    from: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(args, io) {
    const from = args.values.from as string | undefined;
    if (from !== undefined && !FOREIGN_TOOLS.includes(from as ForeignToolId)) {
      throw new UsageError(`--from must be one of ${FOREIGN_TOOLS.join(', ')} (got "${from}")`);
    }
    const dryRun = Boolean(args.values['dry-run']);
    const opened = readProject(args, io);
    const result = await withDatabase(opened, io, (db) => adoptForeignHistory(db, opened.set, opened.project.config, { from: from as ForeignToolId | undefined, dryRun }));
    const { match } = result;
    const name = (m: Migration) => path.relative(opened.set.dir, m.files[0]);
    const tool = match.history.label;
    io.out(`${tool}'s history in ${match.history.table}: ${match.matched.length + match.changed.length} of ${opened.set.migrations.length} migration(s) recorded as applied`);
    for (const m of result.adopted) io.out(`  ${dryRun ? 'would adopt' : 'adopted'}    ${name(m)}`);
    for (const m of result.alreadyOurs) io.out(`  already applied here  ${name(m)}`);
    for (const c of match.changed) io.out(`  not adopted: ${name(c.migration)} changed since ${tool} applied it (its checksum ${c.record.checksum} differs from the file's)`);
    for (const r of match.unknownRecords) io.out(`  not adopted: ${tool} recorded ${r.label}, which no file here holds`);
    for (const m of match.unrecorded) io.out(`  pending: ${name(m)} (${tool} never applied it; \`up\` will)`);
    const where = opened.project.config.historyTable;
    if (dryRun) io.out(`Would record ${result.adopted.length} migration(s) in ${where}; nothing was changed (--dry-run).`);
    else io.out(`Recorded ${result.adopted.length} migration(s) in ${where} as applied, adopted from ${tool}; nothing else was changed.`);
    if (match.changed.length > 0 || match.unknownRecords.length > 0) {
      io.err(`warning: ${match.changed.length + match.unknownRecords.length} record(s) of ${tool} did not match a file: check them before \`up\` (a changed file would need its change in a new migration)`);
      return EXIT_FAILED;
    }
    if (result.adopted.length === 0 && result.alreadyOurs.length === 0) {
      io.err(`error: nothing to adopt: ${tool} recorded none of these migrations as applied`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  },
};
