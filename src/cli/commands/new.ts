import { execFileSync } from 'node:child_process';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { loadProject } from '../../core/config/config';
import { loadProjectMigrations } from '../../core/migrations/discover';
import { createMigration } from '../../core/migrations/create';
import { relativeFile, UsageError } from '../project';
import { changeEmbedding } from './new-change-embedding';

export const newCommand: CliCommand = {
  name: 'new',
  summary: 'create the next migration file from the template',
  usage: 'NAME | --change-embedding TABLE.COLUMN --to MODEL',
  options: { 'change-embedding': { type: 'string' }, to: { type: 'string' } },
  async run(args, io) {
    if (args.values['change-embedding'] !== undefined) return changeEmbedding(args, io, authorName(io.env, io.cwd));
    const name = args.positionals.join('_');
    if (!name) throw new UsageError('new needs a NAME, e.g. `pgvector-migrator new add_chunk_embeddings`');
    const project = loadProject(args.values.dir as string | undefined, io.cwd);
    const set = loadProjectMigrations(project);
    const files = createMigration(set, { name, author: authorName(io.env, io.cwd), email: gitConfig('user.email', io.cwd), now: new Date() });
    // drizzle's journal and sqitch's plan list the new migration; they are not new themselves.
    for (const f of files) io.out(`${/(_journal\.json|sqitch\.plan)$/.test(f) ? 'added it to' : 'created'} ${relativeFile(io, f)}`);
    return EXIT_OK;
  },
};

function authorName(env: NodeJS.ProcessEnv, cwd: string): string {
  return env.GIT_AUTHOR_NAME ?? gitConfig('user.name', cwd) ?? env.USER ?? env.USERNAME ?? 'unknown';
}

function gitConfig(key: string, cwd: string): string | undefined {
  try {
    return execFileSync('git', ['config', key], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined; // not a git checkout, or git absent
  }
}
