import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describeEachDatabase, embedded, serverUrlFor, TestDatabase, SERVER_URL } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describeEachDatabase('the pgvector-migrator CLI', (database: TestDatabase) => {
  let project: TempProject;
  let dbArgs: string[];

  beforeEach(async () => {
    project = tempProject({
      '0001_enable_vector.sql': migrationFile('CREATE EXTENSION IF NOT EXISTS vector;', 'DROP EXTENSION IF EXISTS vector;'),
      '0002_documents.sql': migrationFile('CREATE TABLE documents (id bigint PRIMARY KEY, embedding vector(3));', 'DROP TABLE documents;'),
    });
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

  it('prints status as JSON in the documented shape', async () => {
    await run('up', '--to', '0001');
    const r = await run('status', '--format', 'json');
    assert.equal(r.code, 0);
    const entries = JSON.parse(r.stdout);
    assert.deepEqual(entries.map((e: { version: string; state: string; file: string }) => [e.version, e.state, e.file]), [
      ['0001', 'applied', path.join('db', 'migrations', '0001_enable_vector.sql')],
      ['0002', 'pending', path.join('db', 'migrations', '0002_documents.sql')],
    ]);
    assert.deepEqual(Object.keys(entries[0]).sort(), ['appliedAt', 'checksum', 'durationMs', 'file', 'name', 'state', 'version']);
    assert.match(entries[0].appliedAt, /^\d{4}-\d\d-\d\dT/);
    assert.equal(entries[1].appliedAt, null);
  });

  it('says in one line which database it uses', async () => {
    const r = await run('status');
    assert.match(r.stderr, database.kind === 'embedded' ? /^Using the embedded database in \.pgvector-migrator\/db/m : /^Using postgres:\/\/postgres:\*\*\*@/m);
  });

  it('applies, rolls back with --steps and --to 0, and exits 0', async () => {
    const up = await run('up');
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /applied\s+0001_enable_vector\.sql[\s\S]*2 migration\(s\) applied\./);
    assert.equal((await run('down', '--steps', '1')).code, 0);
    const down = await run('down', '--to', '0');
    assert.match(down.stdout, /rolled back 0001_enable_vector\.sql/);
    assert.match((await run('status')).stdout, /2 migration\(s\): 0 applied, 2 pending$/);
  });

  it('exits 1 naming file, line, column and SQLSTATE when a migration fails', async () => {
    project.write('0003_bad.sql', migrationFile('CREATE TABLE ok (id int);\nCREATE TABLE broken (id int REFERENCES nowhere (id));'));
    const r = await run('up');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: 0003_bad\.sql failed at statement 2 of UP: relation "nowhere" does not exist \[SQLSTATE 42P01\]/);
    assert.match(r.stderr, new RegExp(`--> ${path.join('db', 'migrations', '0003_bad.sql').replace(/[.\\/]/g, '\\$&')}:9:1`));
    assert.match(r.stderr, /2 migration\(s\) applied before the failure stay applied/);
  });

  it('creates the next migration from the template with `new`', async () => {
    const r = await run('new', 'Add chunk embeddings');
    assert.equal(r.code, 0);
    const file = path.join(project.migrationsDir, '0003_add_chunk_embeddings.sql');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^-- Migration: 0003_add_chunk_embeddings\.sql\n/);
    assert.match(text, /-- Dependencies: 0002_documents\.sql/);
    assert.match(text, new RegExp(`-- Date: ${new Date().toISOString().slice(0, 10)}`));
    assert.match(text, /-- UP Migration\nBEGIN;[\s\S]*-- DOWN Migration\nBEGIN;/);
    assert.equal((await run('up')).code, 0, 'the template applies as it is');
  });
});

describe('the CLI refuses bad input with exit 2', () => {
  let project: TempProject;
  afterEach(() => project.cleanup());

  const cases: { what: string; config: string | null; args: string[]; message: RegExp }[] = [
    { what: 'an unknown config key', config: '{ "migrationDir": "db" }', args: ['status'], message: /unknown key "migrationDir"/ },
    { what: 'a config that is not JSON', config: '{ nope', args: ['status'], message: /is not valid JSON/ },
    { what: 'an unknown option', config: '{}', args: ['up', '--sideways'], message: /Unknown option '--sideways'/ },
    { what: 'an unknown command', config: '{}', args: ['sideways'], message: /unknown command "sideways"/ },
    { what: 'both --to and --steps', config: '{}', args: ['down', '--to', '1', '--steps', '1'], message: /either --to or --steps/ },
    { what: 'a bad --format', config: '{}', args: ['status', '--format', 'xml'], message: /--format must be one of text, json/ },
  ];
  for (const c of cases) {
    it(`for ${c.what}`, async () => {
      project = tempProject();
      if (c.config !== null) fs.writeFileSync(path.join(project.dir, 'pgvector-migrator.json'), c.config);
      const r = await cli([...c.args, '--dir', project.dir], { cwd: project.dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, c.message);
    });
  }
});

describe('passwords never reach the output', () => {
  it('redacts the password of a URL that fails to connect', async function () {
    this.timeout(20000);
    const project = tempProject({ '0001_a.sql': 'SELECT 1;' });
    try {
      const r = await cli(['status', '--dir', project.dir, '--database-url', 'postgres://someone:s3cret-pw@127.0.0.1:1/nowhere'], { cwd: project.dir });
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.stdout + r.stderr, /s3cret-pw/);
      assert.match(r.stderr, /postgres:\/\/someone:\*\*\*@127\.0\.0\.1/);
    } finally {
      project.cleanup();
    }
  });

  if (SERVER_URL) {
    it('redacts the password when the server rejects it', async function () {
      this.timeout(20000);
      const project = tempProject({ '0001_a.sql': 'SELECT 1;' });
      try {
        const url = new URL(SERVER_URL!);
        url.password = 'wrong-pw-42';
        url.hostname = '127.0.0.1';
        const r = await cli(['status', '--dir', project.dir, '--database-url', url.toString()], { cwd: project.dir });
        assert.doesNotMatch(r.stdout + r.stderr, /wrong-pw-42/);
      } finally {
        project.cleanup();
      }
    });
  }
});

describe('the embedded database held by another process', function () {
  this.timeout(60000);
  it('makes the CLI wait for it, say which process holds it, give up after advisoryLockTimeout, and change nothing', async () => {
    const project = tempProject({ '0001_a.sql': migrationFile('CREATE TABLE a (id int);') }, { advisoryLockTimeout: '1s' });
    const holder = await embedded.open(project);
    try {
      const exec = promisify(execFile);
      const bundle = path.join(ROOT, 'dist', 'cli.js');
      const r = await exec(process.execPath, [bundle, 'up'], { cwd: project.dir, env: { PATH: process.env.PATH } }).then(
        () => assert.fail('expected the CLI to refuse'),
        (err: { code: number; stderr: string }) => err,
      );
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`Waiting for the embedded database: it is in use by process ${process.pid} \\(test, since .*\\) \\(up to 1 s, "advisoryLockTimeout" in pgvector-migrator.json; Ctrl-C to stop\\)`));
      assert.match(r.stderr, new RegExp(`the embedded database is in use by process ${process.pid} \\(test, since .*\\) \\(waited 1 s\\)`));
      assert.match(r.stderr, /PGlite, the embedded PostgreSQL, allows one process at a time/);
      const tables = await holder.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
      assert.equal(tables.rows.length, 0);
    } finally {
      await holder.close();
      project.cleanup();
    }
  });
});

describe('the bundled CLI (dist/cli.js) on the quickstart example', function () {
  this.timeout(120000);
  const bundle = path.join(ROOT, 'dist', 'cli.js');

  it('applies the example migrations to a fresh embedded database and reports them applied', async function () {
    if (!fs.existsSync(bundle)) this.skip();
    const project = tempProject({}, null);
    try {
      fs.cpSync(path.join(ROOT, 'examples', 'quickstart'), project.dir, { recursive: true, filter: (src) => !src.includes('.pgvector-migrator') });
      const exec = promisify(execFile);
      const env = { PATH: process.env.PATH };
      await exec(process.execPath, [bundle, 'up'], { cwd: project.dir, env });
      const { stdout } = await exec(process.execPath, [bundle, 'status', '--format', 'json'], { cwd: project.dir, env });
      const states = JSON.parse(stdout).map((e: { state: string }) => e.state);
      assert.ok(states.length >= 3);
      assert.ok(states.every((s: string) => s === 'applied'));
    } finally {
      project.cleanup();
    }
  });
});
