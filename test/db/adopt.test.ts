import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Db } from '../../src/core/db/types';
import { sectionText } from '../../src/core/migrations/types';
import { loadProject } from '../../src/core/config/config';
import { loadProjectMigrations } from '../../src/core/migrations/discover';
import { describeServerOnly, serverUrlFor, TestDatabase } from '../support/databases';
import { fixtureProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

const HISTORIES = path.resolve(__dirname, '../../../test/fixtures/adopt');

/** Each tool's fixture set, and its history table as that tool fills it after the first two migrations. */
const TOOLS: { tool: string; dir: string; table: string; pending: number }[] = [
  { tool: 'dbmate', dir: 'db/migrations', table: 'public.schema_migrations', pending: 2 },
  { tool: 'golang-migrate', dir: 'db/migrations', table: 'public.schema_migrations', pending: 1 },
  { tool: 'flyway', dir: 'sql', table: 'public.flyway_schema_history', pending: 1 },
  { tool: 'prisma', dir: 'prisma/migrations', table: 'public._prisma_migrations', pending: 1 },
  { tool: 'goose', dir: 'migrations', table: 'public.goose_db_version', pending: 1 },
  { tool: 'drizzle', dir: 'drizzle', table: 'drizzle.__drizzle_migrations', pending: 1 },
  { tool: 'supabase', dir: 'supabase/migrations', table: 'supabase_migrations.schema_migrations', pending: 1 },
  { tool: 'sqitch', dir: '.', table: 'sqitch.changes', pending: 1 },
  { tool: 'node-pg-migrate', dir: 'migrations', table: 'public.pgmigrations', pending: 1 },
];

/** Runs the UP SQL of the first `count` migrations as psql -f would: the other tool's half of the set. */
async function applyFirst(db: Db, project: TempProject, count: number): Promise<void> {
  const set = loadProjectMigrations(loadProject(project.dir));
  for (const m of set.migrations.slice(0, count)) await db.execute(sectionText(m.up));
}

async function count(db: Db, sql: string): Promise<number> {
  return Number((await db.query<{ n: string }>(sql)).rows[0].n);
}

describeServerOnly('adopting another tool\'s history', (database: TestDatabase) => {
  let project: TempProject;
  let db: Db;
  afterEach(async () => {
    await db?.close();
    await database.drop(project);
    project.cleanup();
  });

  for (const t of TOOLS) {
    it(`refuses ${t.tool}'s applied migrations on up, adopts them, then applies only the rest`, async () => {
      project = fixtureProject(t.tool, t.dir);
      db = await database.open(project);
      const url = await serverUrlFor(project);
      await applyFirst(db, project, 2);
      await db.execute(fs.readFileSync(path.join(HISTORIES, `${t.tool}.sql`), 'utf8'));
      const args = ['--database-url', url];

      const refused = await cli(['up', ...args], { cwd: project.dir });
      assert.equal(refused.code, 1, refused.stdout + refused.stderr);
      assert.match(refused.stderr, new RegExp(`2 pending migration\\(s\\) were already applied by .*${t.table.replace(/[.$]/g, '\\$&')}.*nothing was applied`));
      assert.match(refused.stderr, new RegExp(`adopt --from ${t.tool}`));

      const dry = await cli(['adopt', '--dry-run', ...args], { cwd: project.dir });
      assert.equal(dry.code, 0, dry.stdout + dry.stderr);
      assert.equal((dry.stdout.match(/would adopt/g) ?? []).length, 2, dry.stdout);
      assert.equal(await count(db, `SELECT count(*) AS n FROM pg_tables WHERE tablename = 'pgvector_migrator_history'`), 0);

      const adopted = await cli(['adopt', ...args], { cwd: project.dir });
      assert.equal(adopted.code, 0, adopted.stdout + adopted.stderr);
      assert.match(adopted.stdout, /Recorded 2 migration\(s\) in public\.pgvector_migrator_history as applied/);
      assert.equal(await count(db, `SELECT count(*) AS n FROM pgvector_migrator_history WHERE applied_by LIKE 'adopted from %${t.table}%'`), 2);

      const status = await cli(['status', '--format', 'json', ...args], { cwd: project.dir });
      assert.deepEqual(JSON.parse(status.stdout).map((e: { state: string }) => e.state), [...['applied', 'applied'], ...Array(t.pending).fill('pending')]);

      // The rest applies; the adopted half does not run again (its CREATE TABLE would fail).
      const up = await cli(['up', ...args], { cwd: project.dir });
      assert.equal(up.code, 0, up.stdout + up.stderr);
      assert.match(up.stdout, new RegExp(`${t.pending} migration\\(s\\) applied`));
      assert.equal(await count(db, `SELECT count(*) AS n FROM pg_indexes WHERE indexname ILIKE 'chunk%embedding_idx'`), 1);
    });
  }

  it('does not adopt a file that changed since the tool applied it, and says so', async () => {
    project = fixtureProject('prisma', 'prisma/migrations');
    db = await database.open(project);
    await applyFirst(db, project, 2);
    await db.execute(fs.readFileSync(path.join(HISTORIES, 'prisma.sql'), 'utf8'));
    project.write('20240102120000_add_chunks/migration.sql', fs.readFileSync(path.join(project.migrationsDir, '20240102120000_add_chunks/migration.sql'), 'utf8') + '\n-- edited\n');
    const r = await cli(['adopt', '--database-url', await serverUrlFor(project)], { cwd: project.dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /adopted {4}20240101120000_init\/migration\.sql/);
    assert.match(r.stdout, /not adopted: 20240102120000_add_chunks\/migration\.sql changed since Prisma applied it/);
  });

  it('names Supabase\'s history table as Supabase\'s in status', async () => {
    project = fixtureProject('supabase', 'supabase/migrations');
    db = await database.open(project);
    await db.execute(fs.readFileSync(path.join(HISTORIES, 'supabase.sql'), 'utf8'));
    const r = await cli(['status', '--database-url', await serverUrlFor(project)], { cwd: project.dir });
    assert.match(r.stderr, /Found supabase_migrations\.schema_migrations \(Supabase\) in this database/);
    assert.doesNotMatch(r.stderr, /dbmate, golang-migrate or Rails/);
  });

  it('takes a schema_migrations outside public (Supabase\'s auth service keeps one) for no tool\'s', async () => {
    project = fixtureProject('supabase', 'supabase/migrations');
    db = await database.open(project);
    await applyFirst(db, project, 2);
    await db.execute(fs.readFileSync(path.join(HISTORIES, 'supabase.sql'), 'utf8'));
    await db.execute(`CREATE SCHEMA auth; CREATE TABLE auth.schema_migrations (version varchar(14) PRIMARY KEY); INSERT INTO auth.schema_migrations VALUES ('20240103000000');`);
    const url = await serverUrlFor(project);
    const adopted = await cli(['adopt', '--database-url', url], { cwd: project.dir });
    assert.equal(adopted.code, 0, adopted.stdout + adopted.stderr);
    assert.match(adopted.stdout, /^Supabase's history in supabase_migrations\.schema_migrations/m);
    const up = await cli(['up', '--database-url', url], { cwd: project.dir });
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, /1 migration\(s\) applied/);
  });

  it('says there is nothing to adopt in a database without another tool\'s history', async () => {
    project = fixtureProject('dbmate', 'db/migrations');
    db = await database.open(project);
    const r = await cli(['adopt', '--database-url', await serverUrlFor(project)], { cwd: project.dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /found no other tool's history in this database: nothing to adopt/);
  });
});

/** The real tools, when this machine has them (the history fixtures above were captured from them). */
function findTool(name: string, env: string): string | undefined {
  if (process.env[env]) return process.env[env];
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

describeServerOnly('adopting the history the real tool wrote', (database: TestDatabase) => {
  let project: TempProject | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    if (!project) return; // skipped: the tool is not installed here
    await db?.close();
    await database.drop(project);
    project.cleanup();
    project = undefined;
    db = undefined;
  });

  const runs: { tool: string; dir: string; bin: string; env: string; half: (bin: string, url: string, p: TempProject) => void }[] = [
    {
      tool: 'dbmate', dir: 'db/migrations', bin: 'dbmate', env: 'PGVM_DBMATE',
      half(bin, url, p) {
        const half = path.join(p.dir, 'first-half');
        fs.mkdirSync(half);
        for (const f of fs.readdirSync(p.migrationsDir).sort().slice(0, 2)) fs.copyFileSync(path.join(p.migrationsDir, f), path.join(half, f));
        const u = new URL(url);
        u.searchParams.set('sslmode', 'disable');
        const r = spawnSync(bin, ['--url', u.toString(), '--migrations-dir', half, '--no-dump-schema', 'up'], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        fs.rmSync(half, { recursive: true });
      },
    },
    {
      tool: 'sqitch', dir: '.', bin: 'sqitch', env: 'PGVM_SQITCH',
      half(bin, url, p) {
        const u = new URL(url);
        const target = `db:pg://${u.username}:${u.password}@${u.hostname}:${u.port || 5432}${u.pathname}`;
        const r = spawnSync(bin, ['deploy', '--to', 'chunks', target], {
          cwd: p.dir, encoding: 'utf8',
          env: { ...process.env, HOME: p.dir, SQITCH_USER_CONFIG: '/dev/null', SQITCH_FULLNAME: 'Test', SQITCH_EMAIL: 'test@example.com' },
        });
        assert.equal(r.status, 0, r.stderr + r.stdout);
      },
    },
    {
      tool: 'node-pg-migrate', dir: 'migrations', bin: 'node-pg-migrate', env: 'PGVM_NODE_PG_MIGRATE',
      half(bin, url, p) {
        const r = spawnSync(bin, ['up', '2', '-m', p.migrationsDir], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url } });
        assert.equal(r.status, 0, r.stderr + r.stdout);
      },
    },
    {
      tool: 'drizzle', dir: 'drizzle', bin: 'drizzle-kit', env: 'PGVM_DRIZZLE_KIT',
      half(bin, url, p) {
        // drizzle-kit applies what its journal lists: a copy of the folder listing the first two.
        const half = path.join(p.dir, 'first-half');
        fs.cpSync(p.migrationsDir, half, { recursive: true });
        fs.rmSync(path.join(half, '0002_embedding_index.sql'));
        const journal = JSON.parse(fs.readFileSync(path.join(half, 'meta/_journal.json'), 'utf8'));
        journal.entries = journal.entries.slice(0, 2);
        fs.writeFileSync(path.join(half, 'meta/_journal.json'), JSON.stringify(journal));
        fs.writeFileSync(path.join(p.dir, 'drizzle.config.js'), `module.exports = { dialect: 'postgresql', out: './first-half', dbCredentials: { url: ${JSON.stringify(url)} } };\n`);
        const r = spawnSync(bin, ['migrate', '--config', 'drizzle.config.js'], { cwd: p.dir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr + r.stdout);
        fs.rmSync(half, { recursive: true });
      },
    },
  ];

  for (const t of runs) {
    it(`adopts what ${t.tool} itself applied and applies the rest once`, async function () {
      const bin = findTool(t.bin, t.env);
      if (!bin) this.skip();
      project = fixtureProject(t.tool, t.dir);
      db = await database.open(project);
      const url = await serverUrlFor(project);
      t.half(bin!, url, project);
      const p = project;
      const args = ['--database-url', url];
      assert.equal((await cli(['up', ...args], { cwd: p.dir })).code, 1);
      const adopted = await cli(['adopt', '--from', t.tool, ...args], { cwd: p.dir });
      assert.equal(adopted.code, 0, adopted.stdout + adopted.stderr);
      assert.equal((adopted.stdout.match(/adopted {4}/g) ?? []).length, 2);
      const up = await cli(['up', ...args], { cwd: p.dir });
      assert.equal(up.code, 0, up.stdout + up.stderr);
      assert.equal(await count(db, `SELECT count(*) AS n FROM pg_tables WHERE tablename IN ('documents', 'chunks')`), 2);
    });
  }
});
