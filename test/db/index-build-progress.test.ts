// Index builds watched from a second connection on the real server (PGlite has one connection
// and no progress view), and pgvector's maintenance_work_mem NOTICE turned into a warning.
import * as assert from 'node:assert/strict';
import { describeServerOnly, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { openServer } from '../../src/core/db/server';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { loadConfigFile } from '../../src/core/config/config';
import { runMigrations } from '../../src/core/runner/run';
import type { RunEvent } from '../../src/core/runner/execute';
import { formatIndexProgress, maintenanceMemoryWarning } from '../../src/core/db/index-build-progress';

const ROWS = 12000;

describeServerOnly('index builds watched during up', (database: TestDatabase) => {
  let project: TempProject;
  beforeEach(() => {
    project = tempProject({
      '0001_items.sql': migrationFile([
        'CREATE EXTENSION IF NOT EXISTS vector;',
        'CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(16));',
        `INSERT INTO items SELECT g, (SELECT array_agg(random()) FROM generate_series(1, 16) d WHERE g > 0)::vector(16) FROM generate_series(1, ${ROWS}) g;`,
      ].join('\n'), 'DROP TABLE items;'),
      // 1MB, the smallest setting: the graph outgrows it after about two thousand tuples.
      '0002_items_index.sql': migrationFile([
        "SET maintenance_work_mem = '1MB';",
        'CREATE INDEX CONCURRENTLY items_embedding_idx ON items USING hnsw (embedding vector_l2_ops) WITH (m = 8, ef_construction = 16);',
      ].join('\n'), 'DROP INDEX CONCURRENTLY IF EXISTS items_embedding_idx;'),
    });
  });
  afterEach(async () => {
    await database.drop(project);
    project.cleanup();
  });

  it('reports the phases of the build with tuples done and total, and warns that maintenance_work_mem is too small', async () => {
    const url = await serverUrlFor(project);
    const db = await openServer({ connectionString: url });
    const set = loadMigrationSet(project.migrationsDir, 'auto');
    const config = loadConfigFile(`${project.dir}/pgvector-migrator.json`).config;
    // A reader's snapshot held open makes CREATE INDEX CONCURRENTLY wait at its end ("waiting for
    // old snapshots"), so the build shows that phase too; the reader finishes once it is seen.
    const reader = await openServer({ connectionString: url });
    const events: RunEvent[] = [];
    try {
      await runMigrations(db, set, config, { direction: 'up', to: '0001' });
      await reader.execute('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await reader.query('SELECT count(*) FROM items');
      let released = false;
      const result = await runMigrations(db, set, config, {
        direction: 'up', progressIntervalMs: 10,
        onEvent: (e) => {
          events.push(e);
          if (e.kind === 'index-progress' && /old snapshots/.test(e.progress.phase) && !released) {
            released = true;
            void reader.execute('COMMIT');
          }
        },
      });
      assert.equal(result.failure, undefined);
    } finally {
      await reader.close();
      await db.close();
    }
    const progress = events.flatMap((e) => (e.kind === 'index-progress' ? [e.progress] : []));
    assert.ok(new Set(progress.map((p) => p.phase)).size >= 2, `phases seen: ${[...new Set(progress.map((p) => p.phase))].join(', ')}`);
    const loading = progress.filter((p) => p.phase === 'building index: loading tuples');
    assert.ok(loading.length > 0, 'the loading phase was seen');
    // pgvector counts the tuples it loads and the table blocks it has scanned, which have a total.
    assert.ok(loading.every((p) => p.index === 'items_embedding_idx' && p.tuplesDone <= ROWS && p.blocksDone <= p.blocksTotal && p.blocksTotal > 0), JSON.stringify(loading.slice(0, 3)));
    assert.match(formatIndexProgress(loading[loading.length - 1]), /^items_embedding_idx: building index: loading tuples, [\d,]+ of [\d,]+ blocks \(\d+%\), [\d,]+ tuples/);
    const warnings = events.flatMap((e) => (e.kind === 'warning' ? [e.message] : []));
    assert.equal(warnings.length, 1, `events: ${events.map((e) => e.kind).join(', ')}`);
    assert.match(warnings[0], /^the HNSW graph no longer fit into maintenance_work_mem \(1MB\) after [\d,]+ tuples, so the rest of the build is much slower; raise maintenance_work_mem to about \d+MB for about [\d,]+ tuples: put SET maintenance_work_mem = '\d+MB'; before the CREATE INDEX/);
  });
});

describe('the maintenance_work_mem warning', () => {
  it('suggests a setting from how far the build got, and ignores other notices', () => {
    assert.equal(maintenanceMemoryWarning('hnsw graph no longer fits into maintenance_work_mem after 10000 tuples', '64MB', 100000)?.suggested, '768MB');
    assert.equal(maintenanceMemoryWarning('hnsw graph no longer fits into maintenance_work_mem after 10000 tuples', '64MB')?.suggested, '128MB');
    assert.equal(maintenanceMemoryWarning('relation "x" already exists, skipping', '64MB'), undefined);
  });
});
