import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeEachDatabase, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

const SCHEMA = `CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE docs (id bigint PRIMARY KEY, embedding vector(3));
CREATE INDEX docs_embedding_idx ON docs USING hnsw (embedding vector_cosine_ops);`;

describeEachDatabase('pgvector-migrator validate', (database: TestDatabase) => {
  let project: TempProject;
  let dbArgs: string[];

  beforeEach(async () => {
    project = tempProject({ '0001_docs.sql': migrationFile(SCHEMA, 'DROP TABLE docs;') }, { embedding: { dimensions: 3, distance: 'cosine' } });
    if (database.kind === 'server') {
      dbArgs = ['--database-url', await serverUrlFor(project)];
    } else {
      await (await database.open(project)).close(); // copies the template data directory in
      dbArgs = [];
    }
  });
  afterEach(async () => {
    await database.drop(project);
    project.cleanup();
  });

  const run = (...args: string[]) => cli([...args, '--dir', project.dir, ...dbArgs], { cwd: project.dir });

  async function plantZeroVectors(): Promise<void> {
    project.write('0002_zero_vectors.sql', migrationFile(`INSERT INTO docs VALUES (1, '[1,0,0]'), (2, '[0,0,0]'), (3, '[0,0,0]');`, 'DELETE FROM docs;'));
    const up = await run('up');
    assert.equal(up.code, 0, up.stderr);
  }

  it('exits 0 and says every check passed on a clean database', async () => {
    assert.equal((await run('up')).code, 0);
    const r = await run('validate');
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^Validation found: 0 failed, 0 could not run, \d+ passed/m);
    assert.doesNotMatch(r.stdout, /^(FAIL|ERROR)/m);
  });

  it('prints JSON in the documented shape and exits 1 when a check fails', async () => {
    await plantZeroVectors();
    const r = await run('validate', '--format', 'json');
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { checks: Record<string, unknown>[] };
    const failed = report.checks.filter((c) => c.status !== 'pass');
    assert.deepEqual(failed.map((c) => [c.id, c.table, c.column, c.status, c.rows, c.sample]), [
      ['vector-zero-norm', 'public.docs', 'embedding', 'fail', 2, [2, 3]],
    ]);
    assert.deepEqual(Object.keys(failed[0]).slice(0, 8), ['id', 'table', 'column', 'status', 'rows', 'sample', 'message', 'remediation']);
    assert.equal(failed[0].file, path.join('db', 'migrations', '0001_docs.sql'), 'relative to the working directory');
    assert.match(String(failed[0].remediation), /UPDATE public\.docs SET embedding = NULL WHERE vector_norm\(embedding\) = 0;/);
  });

  it('prints text with the failure, its sample and remediation first, and progress on stderr', async () => {
    await plantZeroVectors();
    const r = await run('validate');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^FAIL {2}vector-zero-norm +public\.docs\.embedding {2}2 rows\n {6}2 of 3 vectors are zero vectors/m);
    assert.match(r.stdout, /^ {6}sample: 2, 3$/m);
    assert.match(r.stdout, /^ {6}--> db\/migrations\/0001_docs\.sql:\d+$/m);
    assert.match(r.stderr, /^\[1\/\d+\] checking the pgvector version$/m);
  });

  it('prints Markdown with a table per check', async () => {
    await plantZeroVectors();
    const r = await run('validate', '--format', 'markdown');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^## vector-zero-norm\n\n\| Status \| Target \| Rows \| Message \| Sample \|$/m);
    assert.match(r.stdout, /^\| \*\*FAIL\*\* \| public\.docs\.embedding \| 2 \|/m);
    assert.match(r.stdout, /^```sql\n-- rows holding a zero vector$/m);
  });

  it('refuses an unknown format with exit 2', async () => {
    const r = await run('validate', '--format', 'sarif');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be one of text, json, markdown \(got "sarif"\)/);
  });

  it('skips the checks the config turns off', async () => {
    await plantZeroVectors();
    project.write('../../pgvector-migrator.json', JSON.stringify({ migrationsDir: 'db/migrations', embedding: { dimensions: 3, distance: 'cosine' }, validate: { skip: ['vector-zero-norm'] } }));
    const r = await run('validate', '--format', 'json');
    assert.equal(r.code, 0, r.stdout);
    assert.ok(!(JSON.parse(r.stdout) as { checks: { id: string }[] }).checks.some((c) => c.id === 'vector-zero-norm'));
  });
});
