import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import type { Db } from '../../src/core/db/types';
import { openServer } from '../../src/core/db/server';
import { LOCK_CLASS, lockKeyFor } from '../../src/core/db/advisory-lock';
import { MigratorError } from '../../src/core/errors';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { sectionText } from '../../src/core/migrations/types';
import { describeServerOnly, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { historyRows, run, states, userRelations } from '../support/run';

describeServerOnly('what only a real server can show', (database: TestDatabase) => {
  let project: TempProject;
  let db: Db;
  let url: string;

  beforeEach(async () => {
    project = tempProject({
      '0001_enable_vector.sql': migrationFile('CREATE EXTENSION IF NOT EXISTS vector;', 'DROP EXTENSION IF EXISTS vector;'),
      '0002_items.sql': migrationFile('CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(3));\nINSERT INTO items SELECT g, ARRAY[g, g, g]::vector FROM generate_series(1, 100) g;', 'DROP TABLE items;'),
    });
    db = await database.open(project);
    url = await serverUrlFor(project);
  });
  afterEach(async () => {
    await db.close();
    await database.drop(project);
    project.cleanup();
  });

  it('runs CREATE INDEX CONCURRENTLY outside a transaction and leaves a valid index', async () => {
    project.write('0003_items_hnsw.sql', migrationFile('CREATE INDEX CONCURRENTLY IF NOT EXISTS items_embedding_idx ON items USING hnsw (embedding vector_l2_ops);', 'DROP INDEX CONCURRENTLY IF EXISTS items_embedding_idx;'));
    const events: string[] = [];
    const result = await run(db, project, { direction: 'up', onEvent: (e) => { if (e.kind === 'migration-start') events.push(e.mode); } });
    assert.equal(result.failure, undefined);
    assert.deepEqual(events, ['transaction', 'transaction', 'as-written']);
    const r = await db.query<{ indisvalid: boolean }>(`SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_embedding_idx'::regclass`);
    assert.equal(r.rows[0].indisvalid, true);
    await run(db, project, { direction: 'down' });
    assert.ok(!(await userRelations(db)).includes('items_embedding_idx'));
  });

  it('marks a failed CONCURRENTLY build failed, never applied', async () => {
    project.write('0003_items_unique.sql', migrationFile("INSERT INTO items VALUES (1000, '[1,1,1]'), (1001, '[1,1,1]');\nCREATE UNIQUE INDEX CONCURRENTLY items_embedding_key ON items ((embedding::text));"));
    const result = await run(db, project, { direction: 'up' });
    assert.equal(result.failure!.outcome, 'partially-applied');
    assert.equal(result.failure!.sqlstate, '23505');
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'failed']]);
    const invalid = await db.query(`SELECT 1 FROM pg_index WHERE NOT indisvalid`);
    assert.equal(invalid.rows.length, 1, 'PostgreSQL leaves the invalid index behind; status says failed');
  });

  it('applies each migration exactly once when two appliers run at the same time', async () => {
    project.write('0003_slow.sql', migrationFile('CREATE TABLE slow_log (id int);\nSELECT pg_sleep(0.5);\nINSERT INTO slow_log VALUES (1);'));
    const second = await openServer({ connectionString: url });
    try {
      const [a, b] = await Promise.all([run(db, project, { direction: 'up' }), run(second, project, { direction: 'up' })]);
      assert.equal(a.failure, undefined);
      assert.equal(b.failure, undefined);
      assert.equal(a.completed.length + b.completed.length, 3, 'three migrations, applied once in all');
      const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM slow_log');
      assert.equal(Number(rows.rows[0].n), 1);
    } finally {
      await second.close();
    }
  });

  it('fails with a message naming the advisory lock when another run holds it too long', async () => {
    project.write('0003_x.sql', migrationFile('SELECT 1;'));
    require('node:fs').writeFileSync(`${project.dir}/pgvector-migrator.json`, JSON.stringify({ migrationsDir: 'db/migrations', advisoryLockTimeout: '300ms' }));
    const holder = new Client({ connectionString: url, application_name: 'the other applier' });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, lockKeyFor('public.pgvector_migrator_history')]);
      await assert.rejects(run(db, project, { direction: 'up' }), (err: unknown) =>
        err instanceof MigratorError && /another migration run holds the advisory lock/.test(err.message) && /the other applier/.test(err.message));
      assert.deepEqual(await historyRows(db), []);
    } finally {
      await holder.end();
    }
  });

  it('records nothing when the applier\'s backend is terminated mid-migration', async () => {
    await run(db, project, { direction: 'up' });
    project.write('0003_killed.sql', migrationFile("CREATE TABLE half_done (id int);\nSELECT pg_sleep(30);\nCREATE TABLE never_reached (id int);"));
    const victim = await openServer({ connectionString: url }, 'pgvm-victim');
    const killer = new Client({ connectionString: url });
    await killer.connect();
    try {
      const running = run(victim, project, { direction: 'up' });
      await waitFor(async () => (await killer.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'pgvm-victim' AND query LIKE '%pg_sleep(30)%'`)).rowCount === 1);
      await killer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pgvm-victim'`);
      const result = await running.catch((err) => ({ failure: err }));
      assert.ok(result.failure, 'the run reports the lost connection');
      assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'pending']]);
      const rels = await userRelations(db);
      assert.ok(!rels.includes('half_done') && !rels.includes('never_reached'));
    } finally {
      await victim.close();
      await killer.end();
    }
  });

  it('leaves a migration running outside a transaction marked failed when its backend is terminated', async () => {
    await run(db, project, { direction: 'up' });
    project.write('0003_killed.sql', migrationFile("CREATE INDEX CONCURRENTLY items_id_idx ON items (id);\nSELECT pg_sleep(30);\nCREATE TABLE never_reached (id int);"));
    const victim = await openServer({ connectionString: url }, 'pgvm-victim2');
    const killer = new Client({ connectionString: url });
    await killer.connect();
    try {
      const running = run(victim, project, { direction: 'up' }).catch((err) => ({ failure: err }));
      await waitFor(async () => (await killer.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'pgvm-victim2' AND query LIKE '%pg_sleep(30)%'`)).rowCount === 1);
      await killer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pgvm-victim2'`);
      await running;
      assert.deepEqual((await states(db, project))[2], ['0003', 'failed']);
    } finally {
      await victim.close();
      await killer.end();
    }
  });

  it('cancels the running statement on the server and rolls its migration back', async () => {
    await run(db, project, { direction: 'up' });
    project.write('0003_slow.sql', migrationFile('CREATE TABLE before_sleep (id int);\nSELECT pg_sleep(30);'));
    const controller = new AbortController();
    const watcher = new Client({ connectionString: url });
    await watcher.connect();
    try {
      const running = run(db, project, { direction: 'up', signal: controller.signal });
      await waitFor(async () => (await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`)).rowCount === 1);
      controller.abort();
      const result = await running;
      assert.equal(result.failure!.outcome, 'cancelled');
      assert.deepEqual((await states(db, project))[2], ['0003', 'pending']);
      assert.ok(!(await userRelations(db)).includes('before_sleep'));
    } finally {
      await watcher.end();
    }
  });

  it('builds the same schema as psql -f on the same UP sections', async () => {
    project.write('0003_more.sql', migrationFile("CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item_id bigint NOT NULL REFERENCES items (id), label text NOT NULL DEFAULT 'x' CHECK (label <> ''));\nCREATE INDEX tags_item_id_idx ON tags (item_id);\nCREATE FUNCTION tag_count(i bigint) RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM tags WHERE item_id = i; END;\nCREATE VIEW tagged AS SELECT i.id, t.label FROM items i JOIN tags t ON t.item_id = i.id;"));
    await run(db, project, { direction: 'up' });
    const psqlProject = tempProject();
    try {
      const psqlUrl = await serverUrlFor(psqlProject);
      const set = loadMigrationSet(project.migrationsDir);
      const script = set.migrations.map((m) => sectionText(m.up)).join('\n');
      execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', psqlUrl, '-f', '-'], { input: script });
      const dump = (u: string) => execFileSync('pg_dump', ['--schema-only', '--no-owner', '-T', 'pgvector_migrator_history', '-d', u], { encoding: 'utf8' })
        .split('\n').filter((l) => !l.startsWith('--') && !/^\\(un)?restrict /.test(l)).join('\n');
      assert.equal(dump(url), dump(psqlUrl));
    } finally {
      await database.drop(psqlProject);
      psqlProject.cleanup();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
