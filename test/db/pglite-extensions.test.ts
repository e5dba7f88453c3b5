import * as assert from 'node:assert/strict';
import { extensionsCreatedIn } from '../../src/core/db/pglite-extensions';
import { openEmbedded } from '../../src/core/db/embedded';
import { openConnection } from '../../src/core/db/open-connection';
import { tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

describe('PGlite\'s other extensions in the embedded database', function () {
  this.timeout(60000);
  let project: TempProject | undefined;
  afterEach(() => project?.cleanup());

  it('reads the extensions a migration creates, however it spells them', () => {
    assert.deepEqual(extensionsCreatedIn('create extension if not exists "uuid-ossp";\nCREATE EXTENSION citext WITH SCHEMA extensions;\n-- CREATE EXTENSION hstore;\nCREATE EXTENSION IF NOT EXISTS pg_trgm;'), ['uuid-ossp', 'citext', 'pg_trgm']);
  });

  it('loads the ones the migrations create, so up applies them, and loads them again at every later open', async () => {
    project = tempProject({
      '0001_extensions.sql': 'CREATE EXTENSION IF NOT EXISTS vector;\nCREATE EXTENSION IF NOT EXISTS citext;\nCREATE EXTENSION IF NOT EXISTS "uuid-ossp";\nCREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE EXTENSION IF NOT EXISTS hstore;\nCREATE EXTENSION IF NOT EXISTS ltree;',
      '0002_users.sql': 'CREATE TABLE users (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), email citext UNIQUE NOT NULL, tags hstore, path ltree, embedding vector(3));\nCREATE INDEX users_email_trgm ON users USING gin ((email::text) gin_trgm_ops);',
    });
    const r = await cli(['up'], { cwd: project.dir });
    assert.equal(r.code, 0, r.stderr);
    const db = await openEmbedded(project.dir, 'test', { extensions: ['citext'] });
    try {
      await db.execute(`INSERT INTO users (email) VALUES ('Ada@Example.com')`);
      const found = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE email = 'ada@example.com'`);
      assert.equal(found.rows[0].n, 1);
    } finally {
      await db.close();
    }
  });

  it('names what it provides when a migration creates an extension it does not have', async () => {
    project = tempProject({ '0001_postgis.sql': 'CREATE EXTENSION postgis;' });
    const r = await cli(['up'], { cwd: project.dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /provides only these extensions: plpgsql, vector, and loads these when a migration creates them: .*citext.*hstore.*ltree.*pg_trgm.*uuid-ossp/);
  });

  it('loads them when the editor opens the database first, before any CLI run', async () => {
    project = tempProject({ '0001_citext.sql': 'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE people (id bigint PRIMARY KEY, email citext);' });
    const db = await openConnection({ kind: 'embedded', projectDir: project.dir }, 'pgvector Migrator in VS Code');
    try {
      await db.execute('CREATE EXTENSION IF NOT EXISTS citext');
      const r = await db.query<{ same: boolean }>(`SELECT 'Ada'::citext = 'ada'::citext AS same`);
      assert.equal(r.rows[0].same, true);
    } finally {
      await db.close();
    }
  });
});
