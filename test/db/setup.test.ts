import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

/** What Supabase provides before any migration: the auth schema and the authenticated role. */
const SUPABASE_LIKE_SETUP = `CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE IF NOT EXISTS auth.users (id uuid PRIMARY KEY);
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN CREATE ROLE authenticated; END IF;
END $$;
`;

const USES_THE_PLATFORM = `-- UP Migration
CREATE TABLE profiles (id uuid PRIMARY KEY REFERENCES auth.users (id), bio text);
GRANT SELECT ON profiles TO authenticated;

-- DOWN Migration
DROP TABLE profiles;
`;

describe('the config\'s setup, on the embedded and scratch databases', function () {
  this.timeout(120000);
  let project: TempProject | undefined;
  afterEach(() => project?.cleanup());

  it('runs a setup file before the migrations, so up and verify find what the platform provides', async () => {
    project = tempProject({ '0001_profiles.sql': USES_THE_PLATFORM }, { setup: 'db/setup.sql' });
    fs.writeFileSync(path.join(project.dir, 'db/setup.sql'), SUPABASE_LIKE_SETUP);
    const up = await cli(['up'], { cwd: project.dir });
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /Prepared the embedded database with the setup \(db\/setup\.sql\)/);
    const verify = await cli(['verify'], { cwd: project.dir });
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    // Once is enough: the next command does not run it again.
    const status = await cli(['status'], { cwd: project.dir });
    assert.doesNotMatch(status.stderr, /Prepared/);
  });

  it('fails the same migrations without the setup, naming what is missing', async () => {
    project = tempProject({ '0001_profiles.sql': USES_THE_PLATFORM });
    const up = await cli(['up'], { cwd: project.dir });
    assert.equal(up.code, 1);
    assert.match(up.stderr, /schema "auth" does not exist/);
  });

  it('creates a list of extensions before the migrations', async () => {
    project = tempProject({ '0001_users.sql': '-- UP Migration\nCREATE TABLE users (email citext PRIMARY KEY);\n' }, { setup: ['citext'] });
    const up = await cli(['up'], { cwd: project.dir });
    assert.equal(up.code, 0, up.stderr);
  });
});
