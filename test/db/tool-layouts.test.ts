import * as assert from 'node:assert/strict';
import type { Db } from '../../src/core/db/types';
import { describeEachDatabase, TestDatabase } from '../support/databases';
import { fixtureProject, TempProject } from '../support/projects';
import { run, states } from '../support/run';
import { cli } from '../support/cli';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeServerOnly, serverUrlFor } from '../support/databases';
import { loadProject } from '../../src/core/config/config';
import { loadProjectMigrations } from '../../src/core/migrations/discover';
import { sectionText } from '../../src/core/migrations/types';
import { readCatalog } from '../../src/core/schema/catalog';
import { diffSnapshots } from '../../src/core/schema/snapshot-diff';

/** Each tool's fixture set: where its migrations are, and whether they roll back. */
const SETS: { tool: string; dir: string; downs: boolean; tables: [string, string][] }[] = [
  { tool: 'prisma', dir: 'prisma/migrations', downs: false, tables: [['public', 'Document'], ['public', 'Chunk']] },
  { tool: 'drizzle', dir: 'drizzle', downs: false, tables: [['public', 'documents'], ['public', 'chunks']] },
  { tool: 'goose', dir: 'migrations', downs: true, tables: [['public', 'documents'], ['public', 'chunks']] },
  { tool: 'supabase', dir: 'supabase/migrations', downs: false, tables: [['public', 'documents'], ['public', 'chunks']] },
  { tool: 'sqitch', dir: '.', downs: true, tables: [['public', 'documents'], ['public', 'chunks']] },
];

async function vectorColumns(db: Db): Promise<string[]> {
  const r = await db.query<{ c: string }>(
    `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) AS c
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
      WHERE t.typname = 'vector' AND c.relkind = 'r' AND a.attnum > 0 ORDER BY 1`,
  );
  return r.rows.map((row) => row.c);
}

async function tablesPresent(db: Db, tables: [string, string][]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (const [schema, table] of tables) {
    const r = await db.query('SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [schema, table]);
    out.push(r.rows.length === 1);
  }
  return out;
}

async function hnswIndexes(db: Db): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexdef LIKE '%USING hnsw%'`);
  return r.rows[0].n;
}

describeEachDatabase('applying other tools\' migration sets', (database: TestDatabase) => {
  let project: TempProject;
  let db: Db;
  afterEach(async () => {
    await db?.close();
    await database.drop(project);
    project.cleanup();
  });

  for (const set of SETS) {
    it(`applies the ${set.tool} set${set.downs ? ', rolls it back and applies it again' : ''}`, async () => {
      project = fixtureProject(set.tool, set.dir);
      db = await database.open(project);
      const up = await run(db, project, { direction: 'up' });
      assert.equal(up.failure, undefined, up.failure?.message);
      assert.deepEqual(await tablesPresent(db, set.tables), set.tables.map(() => true));
      assert.match((await vectorColumns(db)).join(), /chunks?\.embedding (extensions\.)?vector\(3\)/i);
      assert.equal(await hnswIndexes(db), 1);
      assert.deepEqual((await states(db, project)).map(([, s]) => s), ['applied', 'applied', 'applied']);
      if (!set.downs) return;
      const down = await run(db, project, { direction: 'down', to: '0' });
      assert.equal(down.failure, undefined, down.failure?.message);
      assert.deepEqual(await tablesPresent(db, set.tables), set.tables.map(() => false));
      const again = await run(db, project, { direction: 'up' });
      assert.equal(again.failure, undefined, again.failure?.message);
      assert.deepEqual(await tablesPresent(db, set.tables), set.tables.map(() => true));
    });
  }

  it('never runs a goose file\'s Down section on up', async () => {
    project = fixtureProject('goose', 'migrations');
    db = await database.open(project);
    await run(db, project, { direction: 'up', to: '20240101000000' });
    assert.deepEqual(await tablesPresent(db, [['public', 'documents']]), [true]);
  });

  it('applies the rest of a set when one file does not fit the layout, and says it skipped it', async function () {
    if (database.kind !== 'embedded') this.skip(); // the CLI's embedded database: one code path is enough
    project = fixtureProject('supabase', 'supabase/migrations');
    project.write('local_20240107152745_ollama.sql', 'CREATE TABLE ollama_only (id int);');
    await db?.close();
    const r = await cli(['up'], { cwd: project.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: supabase\/migrations\/local_20240107152745_ollama\.sql: .*does not follow the supabase layout's file names; skipped/);
    db = await database.open(project);
    assert.deepEqual(await tablesPresent(db, [['public', 'chunks'], ['public', 'ollama_only']]), [true, false]);
  });
});

const HAS_PSQL = spawnSync('psql', ['--version']).status === 0;

describeServerOnly('other tools\' sets on the server, compared with psql -f', (database: TestDatabase) => {
  let project: TempProject;
  let psqlProject: TempProject;
  afterEach(async () => {
    await database.drop(project);
    await database.drop(psqlProject);
    project.cleanup();
  });

  for (const set of SETS) {
    it(`builds the same schema from the ${set.tool} set as psql -f of its UP sections`, async function () {
      if (!HAS_PSQL) this.skip();
      project = fixtureProject(set.tool, set.dir);
      psqlProject = { ...project, dir: `${project.dir}#psql` };
      const ours = await database.open(project);
      const theirs = await database.open(psqlProject);
      try {
        const up = await run(ours, project, { direction: 'up' });
        assert.equal(up.failure, undefined, up.failure?.message);
        await ours.execute('DROP TABLE pgvector_migrator_history');
        const url = await serverUrlFor(psqlProject);
        for (const m of loadProjectMigrations(loadProject(project.dir)).migrations) {
          const file = path.join(project.dir, `up-${m.version}.sql`);
          fs.writeFileSync(file, sectionText(m.up));
          const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], { encoding: 'utf8' });
          assert.equal(r.status, 0, r.stderr);
        }
        assert.deepEqual(diffSnapshots(await readCatalog(theirs), await readCatalog(ours)), []);
      } finally {
        await ours.close();
        await theirs.close();
      }
    });
  }
});

describe('verify runs sqitch\'s verify scripts [embedded PGlite]', function () {
  this.timeout(60000);
  let project: TempProject | undefined;
  afterEach(() => project?.cleanup());

  it('passes a set whose verify scripts pass, and fails the change whose verify script fails', async () => {
    project = fixtureProject('sqitch', '.');
    const passing = await cli(['verify'], { cwd: project.dir });
    assert.equal(passing.code, 0, passing.stdout + passing.stderr);
    project.write('verify/chunks.sql', 'SELECT id, no_such_column FROM chunks WHERE FALSE;\n');
    const failing = await cli(['verify'], { cwd: project.dir });
    assert.equal(failing.code, 1, failing.stdout);
    assert.match(failing.stdout + failing.stderr, /verify\/chunks\.sql:1:\d+.*column "no_such_column" does not exist/s);
  });
});
