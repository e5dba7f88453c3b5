// `new --change-embedding TABLE.COLUMN --to MODEL`: the expand/contract migrations of a model change
// (see core/migrations/embedding-change.ts), with the next steps printed.
import * as path from 'node:path';
import type { CliIo, ParsedArgs } from '../command';
import { EXIT_OK } from '../command';
import { loadProject } from '../../core/config/config';
import { ensureParser } from '../../core/sql/parser';
import { loadMigrationSet } from '../../core/migrations/discover';
import { writeEmbeddingChange } from '../../core/migrations/embedding-change';
import { relativeFile, UsageError } from '../project';

export async function changeEmbedding(args: ParsedArgs, io: CliIo, author: string): Promise<number> {
  const target = String(args.values['change-embedding'] ?? '');
  const model = args.values.to as string | undefined;
  if (!target || !model) throw new UsageError('new --change-embedding needs TABLE.COLUMN and --to MODEL, e.g. `pgvector-migrator new --change-embedding chunks.embedding --to openai-3-large`');
  const project = loadProject(args.values.dir as string | undefined, io.cwd);
  await ensureParser();
  const set = loadMigrationSet(project.migrationsDir, project.config.layout);
  const files = writeEmbeddingChange(set, project.config, { target, model, author, now: new Date() });
  for (const f of files) io.out(`created ${relativeFile(io, f)}`);
  io.out('');
  io.out('Next: `up` applies the expand and index migrations, then waits at the contract until every row has');
  io.out(`its ${model} embedding (\`status\` shows the backfill). Meanwhile the application writes both columns and`);
  io.out(`re-embeds the old rows in batches; see docs/embedding-model-change.md. (${path.basename(files[2])} holds the Requires.)`);
  return EXIT_OK;
}
