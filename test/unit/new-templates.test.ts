import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { sectionText } from '../../src/core/migrations/types';
import { cli } from '../support/cli';
import { fixtureProject, TempProject } from '../support/projects';

/** `new add_queries` in each tool's fixture set: the files that tool would write, and nothing it would run by mistake. */
const CASES: { tool: string; dir: string; files: RegExp[]; up: RegExp; down: boolean; listed?: string }[] = [
  { tool: 'prisma', dir: 'prisma/migrations', files: [/^\d{14}_add_queries\/migration\.sql$/], up: /^-- add_queries/, down: false },
  { tool: 'drizzle', dir: 'drizzle', files: [/^0003_add_queries\.sql$/], up: /^-- Migration: 0003_add_queries\.sql/, down: false, listed: 'meta/_journal.json' },
  { tool: 'supabase', dir: 'supabase/migrations', files: [/^\d{14}_add_queries\.sql$/], up: /^-- Migration:/, down: false },
  { tool: 'goose', dir: 'migrations', files: [/^\d{14}_add_queries\.sql$/], up: /^\s*$/, down: true },
  { tool: 'dbmate', dir: 'db/migrations', files: [/^\d{14}_add_queries\.sql$/], up: /^\s*$/, down: true },
  { tool: 'golang-migrate', dir: 'db/migrations', files: [/^4_add_queries\.up\.sql$/, /^4_add_queries\.down\.sql$/], up: /^-- Migration:/, down: true },
  { tool: 'sqitch', dir: '.', files: [/^deploy\/add_queries\.sql$/, /^revert\/add_queries\.sql$/, /^verify\/add_queries\.sql$/], up: /^-- Deploy add_queries/, down: true, listed: 'sqitch.plan' },
];

describe('new NAME writes the template of the layout in use', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.cleanup());

  for (const c of CASES) {
    it(`writes ${c.tool}'s files${c.listed ? ` and adds the migration to ${c.listed}` : ''}`, async () => {
      project = fixtureProject(c.tool, c.dir);
      const r = await cli(['new', 'add_queries'], { cwd: project.dir, env: { GIT_AUTHOR_NAME: 'Test Author' } });
      assert.equal(r.code, 0, r.stderr);
      const created = [...r.stdout.matchAll(/^created (.*)$/gm)].map((m) => path.relative(project!.migrationsDir, path.resolve(project!.dir, m[1])).split(path.sep).join('/'));
      assert.equal(created.length, c.files.length, r.stdout);
      c.files.forEach((re, i) => assert.match(created[i], re));
      if (c.listed) assert.match(r.stdout, new RegExp(`^added it to .*${c.listed.replace('.', '\\.')}$`, 'm'));
      // The set reads the new migration last, in the layout it was written for.
      const set = loadMigrationSet(project.migrationsDir);
      assert.deepEqual(set.problems, []);
      const last = set.migrations[set.migrations.length - 1];
      assert.equal(last.name, 'add_queries');
      assert.equal(last.down !== undefined, c.down);
      assert.match(sectionText(last.up).trim(), c.up);
    });
  }

  it('keeps sqitch\'s plan readable by sqitch: the new change on its own line, after the others', async () => {
    project = fixtureProject('sqitch', '.');
    await cli(['new', 'add_queries'], { cwd: project.dir, env: { GIT_AUTHOR_NAME: 'Test Author' } });
    const plan = fs.readFileSync(path.join(project.dir, 'sqitch.plan'), 'utf8').trimEnd().split('\n');
    assert.match(plan[plan.length - 1], /^add_queries \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ Test Author <[^>]+> # /);
  });
});
