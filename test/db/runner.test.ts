import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Db } from '../../src/core/db/types';
import { MigratorError } from '../../src/core/errors';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { describeEachDatabase, embedded, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { historyRows, run, states, userRelations } from '../support/run';

describeEachDatabase('applying and rolling back migrations', (database: TestDatabase) => {
  let project: TempProject;
  let db: Db;

  beforeEach(async () => {
    project = tempProject({
      '0001_enable_vector.sql': migrationFile('BEGIN;\nCREATE EXTENSION IF NOT EXISTS vector;\nCOMMIT;', 'BEGIN;\nDROP EXTENSION IF EXISTS vector;\nCOMMIT;'),
      '0002_documents.sql': migrationFile('CREATE TABLE documents (id bigint PRIMARY KEY, embedding vector(3));', 'DROP TABLE documents;'),
      '0003_chunks.sql': migrationFile('CREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint REFERENCES documents (id));\nCREATE INDEX chunks_document_id_idx ON chunks (document_id);', 'DROP TABLE chunks;'),
    });
    db = await database.open(project);
  });
  afterEach(async () => {
    await db.close();
    await database.drop(project);
    project.cleanup();
  });

  it('applies every pending migration and records each as applied', async () => {
    const result = await run(db, project, { direction: 'up' });
    assert.equal(result.failure, undefined);
    assert.deepEqual(await userRelations(db), ['chunks', 'chunks_document_id_idx', 'chunks_pkey', 'documents', 'documents_pkey']);
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'applied']]);
  });

  it('rolls back newest first and applies again to the same schema', async () => {
    await run(db, project, { direction: 'up' });
    await run(db, project, { direction: 'down', steps: 2 });
    assert.deepEqual(await userRelations(db), []);
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'pending'], ['0003', 'pending']]);
    await run(db, project, { direction: 'down', to: '0' });
    const ext = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`);
    assert.equal(ext.rows.length, 0);
    await run(db, project, { direction: 'up' });
    assert.deepEqual(await userRelations(db), ['chunks', 'chunks_document_id_idx', 'chunks_pkey', 'documents', 'documents_pkey']);
  });

  it('leaves schema and history exactly as before when a statement in the middle fails', async () => {
    await run(db, project, { direction: 'up', to: '0001' });
    project.write('0002_documents.sql', migrationFile('CREATE TABLE documents (id bigint PRIMARY KEY);\nINSERT INTO documents VALUES (1);\nINSERT INTO documents VALUES (1);\nCREATE TABLE never (id int);', 'DROP TABLE documents;'));
    const relationsBefore = await userRelations(db);
    const historyBefore = await historyRows(db);
    const result = await run(db, project, { direction: 'up' });
    assert.ok(result.failure);
    assert.equal(result.failure.sqlstate, '23505');
    assert.equal(result.failure.outcome, 'rolled-back');
    assert.equal(path.basename(result.failure.location!.file), '0002_documents.sql');
    assert.equal(result.failure.location!.line, 10);
    assert.match(result.failure.message, /statement 3 of UP/);
    assert.match(result.failure.detail ?? '', /Key \(id\)=\(1\) already exists/);
    assert.deepEqual(await userRelations(db), relationsBefore);
    assert.deepEqual(await historyRows(db), historyBefore);
    assert.deepEqual(result.completed, []);
  });

  it('points at the token PostgreSQL names when the error has a position', async () => {
    project.write('0002_documents.sql', migrationFile('CREATE TABLE documents (id bigint PRIMARY KEY);\nSELECT id,\n       missing_column FROM documents;'));
    const result = await run(db, project, { direction: 'up' });
    assert.equal(result.failure!.sqlstate, '42703');
    assert.deepEqual([result.failure!.location!.line, result.failure!.location!.column], [10, 8]);
  });

  it('reports the running statement\'s line when the error has no position', async () => {
    project.write('0003_chunks.sql', migrationFile('CREATE TABLE chunks (id bigint PRIMARY KEY);\n\nALTER TABLE chunks ADD COLUMN doc bigint REFERENCES no_such_table (id);'));
    const result = await run(db, project, { direction: 'up' });
    assert.equal(result.failure!.sqlstate, '42P01');
    assert.equal(result.failure!.location!.line, 10);
    assert.equal(result.completed.length, 2, 'the migrations before the failing one stay applied');
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'pending']]);
  });

  it('refuses to apply when an applied migration changed, unless drift is allowed', async () => {
    await run(db, project, { direction: 'up', to: '0002' });
    project.write('0002_documents.sql', migrationFile('CREATE TABLE documents (id bigint PRIMARY KEY, extra int, embedding vector(3));', 'DROP TABLE documents;'));
    await assert.rejects(run(db, project, { direction: 'up' }), (err: unknown) => err instanceof MigratorError && /0002_documents\.sql changed after it was applied/.test(err.message));
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'changed'], ['0003', 'pending']]);
    const result = await run(db, project, { direction: 'up', allowDrift: true });
    assert.deepEqual(result.completed.map((c) => c.migration.version), ['0003']);
  });

  it('refuses two files of one version (0001 and 1) even with --allow-drift, applying nothing', async () => {
    project.write('1_again.sql', migrationFile('CREATE TABLE again (id bigint PRIMARY KEY);', 'DROP TABLE again;'));
    await assert.rejects(run(db, project, { direction: 'up', allowDrift: true }), (err: unknown) => err instanceof MigratorError && /version 1 is used twice: 0001_enable_vector\.sql and 1_again\.sql/.test(err.message));
    assert.deepEqual(await historyRows(db), []);
    assert.deepEqual(await userRelations(db), []);
  });

  it('keeps one history row for a version whose file was renamed from 0002 to 2', async () => {
    await run(db, project, { direction: 'up' });
    const text = fs.readFileSync(path.join(project.migrationsDir, '0002_documents.sql'), 'utf8');
    project.remove('0002_documents.sql');
    project.write('2_documents.sql', text);
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['2', 'applied'], ['0003', 'applied']]);
    await run(db, project, { direction: 'down', steps: 2 });
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['2', 'pending'], ['0003', 'pending']]);
    assert.deepEqual((await historyRows(db)).map((r) => [r.version, r.state]), [['0001', 'applied'], ['0002', 'rolled_back'], ['0003', 'rolled_back']]);
  });

  it('does not count a comment added to an applied migration as a change', async () => {
    await run(db, project, { direction: 'up', to: '0002' });
    project.write('0002_documents.sql', migrationFile('-- pgvector-migrator-disable-next-line missing-primary-key\n\nCREATE TABLE documents (id bigint PRIMARY KEY, embedding vector(3));  -- why', 'DROP TABLE documents;'));
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'pending']]);
    const result = await run(db, project, { direction: 'up' });
    assert.deepEqual(result.completed.map((c) => c.migration.version), ['0003']);
  });

  it('upgrades the checksums earlier releases recorded, so an applied set never turns changed', async () => {
    await run(db, project, { direction: 'up', to: '0002' });
    const set = loadMigrationSet(project.migrationsDir);
    for (const m of set.migrations.slice(0, 2)) await db.query('UPDATE pgvector_migrator_history SET checksum = $1 WHERE version = $2', [m.legacyChecksum, m.version]);
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'pending']]);
    await run(db, project, { direction: 'up' });
    assert.deepEqual((await historyRows(db)).map((r) => r.checksum), set.migrations.map((m) => m.checksum));
  });

  it('applies an UP-only file, and down stops before it having changed nothing', async () => {
    project.write('0003_chunks.sql', 'CREATE TABLE chunks (id bigint PRIMARY KEY);');
    await run(db, project, { direction: 'up' });
    await assert.rejects(run(db, project, { direction: 'down', to: '0' }), /0003_chunks\.sql has no DOWN section, so down stops before it; nothing was rolled back/);
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'applied']]);
    assert.ok((await userRelations(db)).includes('chunks'));
  });

  it('sets the configured lock_timeout for each migration', async () => {
    project.write('0003_chunks.sql', migrationFile("CREATE TABLE settings_seen AS SELECT current_setting('lock_timeout') AS lock_timeout;"));
    await run(db, project, { direction: 'up' });
    const r = await db.query<{ lock_timeout: string }>('SELECT lock_timeout FROM settings_seen');
    assert.equal(r.rows[0].lock_timeout, '5s');
  });

  it('marks a migration that manages its own transactions failed, with what completed, when it fails midway', async () => {
    project.write('0003_chunks.sql', migrationFile('BEGIN;\nCREATE TABLE first_block (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE second_block (id int);\nSELECT 1/0;\nCOMMIT;'));
    const result = await run(db, project, { direction: 'up' });
    assert.equal(result.failure!.outcome, 'partially-applied');
    assert.equal(result.failure!.sqlstate, '22012');
    assert.match(result.failure!.fix!, /3 of 7 statements completed/);
    const rels = await userRelations(db);
    assert.ok(rels.includes('first_block') && !rels.includes('second_block'));
    assert.deepEqual((await states(db, project))[2], ['0003', 'failed']);
    await assert.rejects(run(db, project, { direction: 'up' }), /0003_chunks\.sql is marked failed: it ran outside a transaction and stopped after 3 statement/);
    project.write('0003_chunks.sql', migrationFile('CREATE TABLE IF NOT EXISTS first_block (id int);\nCREATE TABLE second_block (id int);'));
    const retried = await run(db, project, { direction: 'up', retryFailed: true });
    assert.equal(retried.failure, undefined);
    assert.deepEqual((await states(db, project))[2], ['0003', 'applied']);
  });

  it('refuses a psql meta-command before running anything', async () => {
    project.write('0003_chunks.sql', migrationFile('\\set ON_ERROR_STOP on\nCREATE TABLE chunks (id int);'));
    await assert.rejects(run(db, project, { direction: 'up' }), (err: unknown) => err instanceof MigratorError && /psql meta-command/.test(err.message) && err.location?.line === 8);
    assert.deepEqual(await userRelations(db), []);
    assert.deepEqual(await historyRows(db), []);
  });

  it('never touches another tool\'s history table', async () => {
    await db.execute('CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)');
    await db.execute("INSERT INTO schema_migrations VALUES ('20200101000000')");
    await run(db, project, { direction: 'up' });
    await run(db, project, { direction: 'down', to: '0' });
    const r = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
    assert.deepEqual(r.rows.map((x) => x.version), ['20200101000000']);
  });

  it('reads status without creating anything in the database', async () => {
    assert.deepEqual(await states(db, project), [['0001', 'pending'], ['0002', 'pending'], ['0003', 'pending']]);
    assert.deepEqual(await historyRows(db), []);
    const tables = await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
    assert.equal(tables.rows.length, 0);
  });

  it('plans a dry run without changing or creating anything', async () => {
    const result = await run(db, project, { direction: 'up', dryRun: true });
    assert.deepEqual(result.plan.map((s) => s.migration.version), ['0001', '0002', '0003']);
    assert.deepEqual(result.completed, []);
    const tables = await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
    assert.equal(tables.rows.length, 0);
  });

  it('stops between statements when cancelled, rolling the migration back', async () => {
    const controller = new AbortController();
    const result = await run(db, project, {
      direction: 'up',
      signal: controller.signal,
      onEvent: (e) => { if (e.kind === 'statement' && e.migration.version === '0003') controller.abort(); },
    });
    assert.equal(result.failure!.outcome, 'cancelled');
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'pending']]);
    assert.ok(!(await userRelations(db)).includes('chunks'));
  });
});

describe('an extension the embedded database does not provide', () => {
  let project: TempProject;
  let db: Db;
  beforeEach(async () => {
    project = tempProject({ '0001_postgis.sql': migrationFile('CREATE EXTENSION IF NOT EXISTS postgis;\nCREATE TABLE places (id int PRIMARY KEY, at geometry);') });
    db = await embedded.open(project);
  });
  afterEach(async () => {
    await db.close();
    project.cleanup();
  });

  it('is reported with the extensions it does provide and the server as the way to get it', async () => {
    const result = await run(db, project, { direction: 'up' });
    assert.equal(result.failure?.sqlstate, '0A000');
    assert.match(result.failure!.message, /extension "postgis" is not available/);
    assert.equal(result.failure!.hint, 'the embedded database (PGlite) provides only these extensions: plpgsql, vector, and loads these when a migration creates them: amcheck, bloom, btree_gin, btree_gist, citext, cube, earthdistance, fuzzystrmatch, hstore, intarray, isn, lo, ltree, moddatetime, pg_trgm, pgcrypto, seg, tablefunc, tcn, tsm_system_rows, tsm_system_time, unaccent, uuid-ossp. Run against a PostgreSQL server that has postgis installed (--database-url URL, or DATABASE_URL), or leave postgis out of what the embedded database runs');
  });
});
