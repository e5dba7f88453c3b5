// A model change end to end: the scaffold's migrations applied to a table with rows and an HNSW
// cosine index, the contract waiting for the backfill, and the set round-tripping under verify.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeEachDatabase, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

const CONFIG = {
  embeddings: {
    small: { dimensions: 3, distance: 'cosine', columns: ['*.embedding'] },
    // More than an index on vector holds: the new column is a halfvec.
    large: { dimensions: 2048, distance: 'cosine' },
  },
};

describeEachDatabase('changing an embedding model with new --change-embedding', (database: TestDatabase) => {
  let project: TempProject;
  let dbArgs: string[];

  beforeEach(async () => {
    project = tempProject({
      '0001_enable_vector.sql': migrationFile('CREATE EXTENSION IF NOT EXISTS vector;', 'DROP EXTENSION IF EXISTS vector;'),
      '0002_chunks.sql': migrationFile([
        'CREATE TABLE chunks (id bigint PRIMARY KEY, published boolean NOT NULL DEFAULT true, embedding vector(3));',
        'CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 8, ef_construction = 32) WHERE published;',
      ].join('\n'), 'DROP TABLE chunks;'),
    }, CONFIG);
    dbArgs = database.kind === 'server' ? ['--database-url', await serverUrlFor(project)] : [];
    if (database.kind === 'embedded') await (await database.open(project)).close();
  });
  afterEach(async () => {
    await database.drop(project);
    project.cleanup();
  });

  const run = (...args: string[]) => cli([...args, '--dir', project.dir, ...dbArgs], { cwd: project.dir });
  const sql = async <R>(text: string): Promise<R[]> => {
    const db = database.kind === 'server' ? await (await import('../../src/core/db/server')).openServer({ connectionString: await serverUrlFor(project) }) : await database.open(project);
    try {
      return (await db.query<R>(text)).rows;
    } finally {
      await db.close();
    }
  };

  it('adds a halfvec column with a concurrent index of the mapped opclass, waits for the backfill, then swaps the names', async () => {
    assert.equal((await run('up')).code, 0);
    await sql("INSERT INTO chunks (id, embedding) SELECT g, '[1,2,3]' FROM generate_series(1, 4) g");

    const created = await run('new', '--change-embedding', 'chunks.embedding', '--to', 'large');
    assert.equal(created.code, 0, created.stderr);
    assert.deepEqual(fs.readdirSync(project.migrationsDir).sort().slice(2), [
      '0003_expand_chunks_embedding_to_large.sql', '0004_index_chunks_embedding_large.sql',
      '0005_contract_chunks_embedding_to_large.sql', '0006_drop_chunks_embedding_previous.sql',
    ]);

    const waiting = await run('up');
    assert.equal(waiting.code, 1);
    assert.match(waiting.stderr, /0005_contract_chunks_embedding_to_large\.sql waits: its precondition is not met \(backfill 0 of 4 rows, 0%\)/);
    const [index] = await sql<{ def: string; valid: boolean }>(
      "SELECT pg_get_indexdef(i.indexrelid) AS def, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'chunks_embedding_large_idx'");
    assert.equal(index.valid, true);
    assert.match(index.def, /USING hnsw \(embedding_large halfvec_cosine_ops\) WITH \(m='?8'?, ef_construction='?32'?\) WHERE published$/);

    await sql("UPDATE chunks SET embedding_large = array_fill(0.5, ARRAY[2048])::halfvec WHERE id <= 3");
    const status = await run('status');
    assert.match(status.stdout, /0005_contract_chunks_embedding_to_large\.sql\s+waiting \(backfill 3 of 4 rows, 75%\)/);
    assert.equal((await run('up')).code, 1, 'still one row short');

    await sql("UPDATE chunks SET embedding_large = array_fill(0.5, ARRAY[2048])::halfvec WHERE id = 4");
    const applied = await run('up');
    assert.equal(applied.code, 0, applied.stderr);
    const columns = await sql<{ column_name: string; type: string }>(
      "SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = 'chunks'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
    assert.deepEqual(columns.map((c) => [c.column_name, c.type]), [['id', 'bigint'], ['published', 'boolean'], ['embedding', 'halfvec(2048)']]);
    const indexes = await sql<{ relname: string }>("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'chunks'::regclass AND c.relname LIKE 'chunks_embedding%' ORDER BY 1");
    assert.deepEqual(indexes.map((i) => i.relname), ['chunks_embedding_idx']);
  });

  it('applies a waiting contract with --skip-requires and says so in the history', async () => {
    assert.equal((await run('up')).code, 0);
    await sql("INSERT INTO chunks (id, embedding) VALUES (1, '[1,2,3]')");
    await run('new', '--change-embedding', 'chunks.embedding', '--to', 'large');
    const r = await run('up', '--to', '0005', '--skip-requires');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /0005_contract_chunks_embedding_to_large\.sql was applied with --skip-requires although its Requires answered backfill 0 of 1 rows, 0%/);
    const [row] = await sql<{ error: string }>("SELECT error FROM pgvector_migrator_history WHERE version = '0005'");
    assert.equal(row.error, 'applied with --skip-requires; Requires answered backfill 0 of 1 rows, 0%');
  });

  it('round-trips every migration it writes under verify', async () => {
    await run('new', '--change-embedding', 'chunks.embedding', '--to', 'large');
    const r = await run('verify');
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  });
});
