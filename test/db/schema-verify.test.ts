import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { loadProject } from '../../src/core/config/config';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { MigrationVerifyResult, ScratchPool, verifyRollbacks, VerifyProgress } from '../../src/core/schema';
import { cli } from '../support/cli';
import { SERVER_URL } from '../support/databases';
import { migrationFile, tempProject } from '../support/projects';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function copyProject(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-verify-'));
  fs.cpSync(source, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.pgvector-migrator`) });
  return dir;
}

/** What the Test Explorer shows of each migration: its version, status and differences. */
function outcome(r: MigrationVerifyResult): [string, string, string[]] {
  return [r.migration.version, r.status, r.differences];
}

describe('verifying that every DOWN undoes its UP [embedded PGlite, in memory]', function () {
  this.timeout(120000);
  let pool: ScratchPool;
  let roundTrip: string;
  let quickstart: string;

  before(async () => {
    pool = new ScratchPool();
    roundTrip = copyProject(path.join(ROOT, 'test/fixtures/schema/round-trip'));
    quickstart = copyProject(path.join(ROOT, 'examples/quickstart'));
    await pool.warm();
  });
  after(async () => {
    await pool.dispose();
    fs.rmSync(roundTrip, { recursive: true, force: true });
    fs.rmSync(quickstart, { recursive: true, force: true });
  });

  const verify = (dir: string, options: Parameters<typeof verifyRollbacks>[2] = {}) => {
    const project = loadProject(dir);
    return verifyRollbacks(loadMigrationSet(project.migrationsDir, project.config.layout), project.config, { pool, ...options });
  };

  it('passes, fails or skips each migration with the difference it left', async () => {
    const results = await verify(roundTrip);
    assert.deepEqual(results.map(outcome), [
      ['0001', 'passed', []],
      ['0002', 'passed', []],
      ['0003', 'failed', [
        'DOWN leaves index documents_title_idx on documents behind (btree (title))',
        'UP fails when applied again after DOWN: relation "documents_title_idx" already exists (SQLSTATE 42P07)',
      ]],
      ['0004', 'failed', ['DOWN removes column documents.source_url (text), which existed before UP']],
      ['0005', 'skipped', []],
      ['0006', 'failed', []],
      ['0007', 'skipped', []],
    ]);
    assert.deepEqual(results.map((r) => r.reason), [
      undefined,
      undefined,
      'DOWN leaves index documents_title_idx on documents behind (btree (title))',
      'DOWN removes column documents.source_url (text), which existed before UP',
      'no DOWN section',
      'UP fails: relation "labels" does not exist (SQLSTATE 42P01)',
      '0006_broken.sql failed to apply, so the migrations after it were not verified',
    ]);
  });

  it('puts each finding at the line to fix', async () => {
    const findings = (await verify(roundTrip)).flatMap((r) => r.findings);
    assert.deepEqual(findings.map((f) => [path.basename(f.file), `${f.line}:${f.column}`, f.rule]), [
      ['0003_index_titles.sql', '9:14', 'down-not-reverting'],
      ['0003_index_titles.sql', '9:1', 'up-not-rerunnable'],
      ['0004_add_language.sql', '12:35', 'down-not-reverting'],
      ['0006_broken.sql', '9:1', 'scratch-apply-failed'],
    ]);
    assert.equal(findings[0].help, 'drop it in the DOWN section: DROP INDEX IF EXISTS documents_title_idx;');
    assert.match(findings[3].message, /^statement 2 of UP fails on a scratch database built by the migrations before it: relation "labels" does not exist/);
  });

  const cases: { what: string; up: string; down: string; differences: string[] }[] = [
    {
      what: 'a DOWN that does not restore a column type UP changed',
      up: 'ALTER TABLE notes ALTER COLUMN body TYPE varchar(50);',
      down: 'SELECT 1;',
      differences: ['DOWN does not restore column notes.body: text before UP, character varying(50) after DOWN'],
    },
    {
      what: 'a DOWN that drops the table UP only added a column to, reported once for the table',
      up: 'ALTER TABLE notes ADD COLUMN tag text;',
      down: 'DROP TABLE notes;',
      differences: ['DOWN removes table notes, which existed before UP'],
    },
    {
      what: 'a DOWN that forgets a type and a function',
      up: "CREATE TYPE mood AS ENUM ('ok', 'sad');\nCREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1';",
      down: 'SELECT 1;',
      differences: ['DOWN leaves function one() behind (returns integer)', "DOWN leaves enum type mood behind ('ok', 'sad')"],
    },
    { what: 'a DOWN that undoes everything', up: 'CREATE INDEX notes_body_idx ON notes (body);', down: 'DROP INDEX notes_body_idx;', differences: [] },
  ];
  for (const c of cases) {
    it(`reports ${c.what}`, async () => {
      const p = tempProject({
        '0001_notes.sql': migrationFile('CREATE TABLE notes (id bigint PRIMARY KEY, body text);', 'DROP TABLE notes;'),
        '0002_change.sql': migrationFile(c.up, c.down),
      });
      try {
        const [first, second] = await verify(p.dir);
        assert.deepEqual(outcome(first), ['0001', 'passed', []]);
        assert.deepEqual(second.differences.filter((d) => d.startsWith('DOWN')), c.differences);
        assert.equal(second.status, c.differences.length ? 'failed' : 'passed');
      } finally {
        p.cleanup();
      }
    });
  }

  it('says what is missing after a DOWN that does not restore what UP dropped, at the statement that created it', async () => {
    const p = tempProject({
      '0001_users.sql': migrationFile('CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text UNIQUE,\n  handle text CONSTRAINT users_handle_key UNIQUE,\n  phone text,\n  CONSTRAINT users_phone_key UNIQUE (phone)\n);', 'DROP TABLE users;'),
      '0002_relax.sql': migrationFile('ALTER TABLE users DROP CONSTRAINT users_email_key, DROP CONSTRAINT users_handle_key, DROP CONSTRAINT users_phone_key;\nCREATE INDEX users_email_idx ON users (email);', 'DROP INDEX users_email_idx;'),
    });
    try {
      const [, second] = await verify(p.dir);
      assert.equal(second.status, 'failed');
      assert.deepEqual(second.differences.filter((d) => d.startsWith('after DOWN')), [
        'after DOWN, unique users_email_key on users (UNIQUE (email)) is missing: it existed before UP, and DOWN does not put it back',
        'after DOWN, unique users_handle_key on users (UNIQUE (handle)) is missing: it existed before UP, and DOWN does not put it back',
        'after DOWN, unique users_phone_key on users (UNIQUE (phone)) is missing: it existed before UP, and DOWN does not put it back',
      ]);
      assert.deepEqual(second.findings.filter((f) => f.rule === 'down-not-reverting').map((f) => [path.basename(f.file), f.line]), [['0001_users.sql', 10], ['0001_users.sql', 11], ['0001_users.sql', 13]]);
    } finally {
      p.cleanup();
    }
  });

  it('honours pgvector-migrator-disable-next-line on the statement a finding points at', async () => {
    const p = tempProject({
      '0001_notes.sql': migrationFile('CREATE TABLE notes (id bigint PRIMARY KEY, body text);', 'DROP TABLE notes;'),
      '0002_change.sql': migrationFile('-- pgvector-migrator-disable-next-line down-not-reverting\nCREATE INDEX notes_body_idx ON notes (body);\nCREATE INDEX notes_id_body_idx ON notes (id, body);', 'SELECT 1;'),
    });
    try {
      const [, second] = await verify(p.dir);
      const flagged = second.findings.filter((f) => f.rule === 'down-not-reverting').map((f) => f.line);
      assert.deepEqual(flagged, [10], 'only the index without the comment is reported');
    } finally {
      p.cleanup();
    }
  });

  it('passes every migration of the quickstart example', async () => {
    assert.deepEqual((await verify(quickstart)).map(outcome), [['0001', 'passed', []], ['0002', 'passed', []], ['0003', 'passed', []]]);
  });

  it('tells progress by step and each result as soon as it is known', async () => {
    const events: string[] = [];
    await verify(quickstart, {
      onProgress: (p: VerifyProgress) => events.push(`${p.migration.version} ${p.step} ${p.index + 1}/${p.total}`),
      onMigrationResult: (r) => events.push(`${r.migration.version} ${r.status}`),
    });
    assert.deepEqual(events.slice(0, 5), ['0001 up 1/3', '0001 down 1/3', '0001 compare 1/3', '0001 up again 1/3', '0001 passed']);
    assert.equal(events.length, 15);
  });

  it('stops when cancelled, and the pool serves the next check from a clean database', async () => {
    const controller = new AbortController();
    await assert.rejects(verify(roundTrip, { signal: controller.signal, onMigrationResult: () => controller.abort() }), { name: 'AbortError' });
    assert.deepEqual((await verify(quickstart)).map((r) => r.status), ['passed', 'passed', 'passed']);
  });

  describe('from the CLI', () => {
    it('lists one line per migration, then the findings, and exits 1', async () => {
      const r = await cli(['verify', '--dir', roundTrip], { cwd: roundTrip });
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stdout.split('\n');
      assert.deepEqual(lines.slice(0, 8), [
        'ok       0001_enable_vector.sql',
        'ok       0002_create_documents.sql',
        'FAILED   0003_index_titles.sql: DOWN leaves index documents_title_idx on documents behind (btree (title))',
        '         UP fails when applied again after DOWN: relation "documents_title_idx" already exists (SQLSTATE 42P07)',
        'FAILED   0004_add_language.sql: DOWN removes column documents.source_url (text), which existed before UP',
        'skipped  0005_seed_settings.sql: no DOWN section',
        'FAILED   0006_broken.sql: UP fails: relation "labels" does not exist (SQLSTATE 42P01)',
        'skipped  0007_after_broken.sql: 0006_broken.sql failed to apply, so the migrations after it were not verified',
      ]);
      assert.match(r.stdout, /^db\/migrations\/0003_index_titles\.sql:9:14: error\[down-not-reverting\]: DOWN leaves index documents_title_idx/m);
      assert.equal(lines[lines.length - 1], '7 migration(s): 2 passed, 3 failed, 2 skipped');
    });

    it('prints JSON with one entry per migration', async () => {
      const r = await cli(['verify', '--dir', roundTrip, '--format', 'json'], { cwd: roundTrip });
      const { migrations } = JSON.parse(r.stdout);
      assert.deepEqual(migrations.map((m: { version: string; status: string }) => `${m.version} ${m.status}`), [
        '0001 passed', '0002 passed', '0003 failed', '0004 failed', '0005 skipped', '0006 failed', '0007 skipped',
      ]);
      assert.deepEqual(Object.keys(migrations[2]).sort(), ['differences', 'durationMs', 'file', 'findings', 'name', 'reason', 'status', 'version']);
      assert.deepEqual(migrations[3].findings.map((f: { file: string; line: number; column: number; rule: string }) => `${f.file}:${f.line}:${f.column} ${f.rule}`),
        ['db/migrations/0004_add_language.sql:12:35 down-not-reverting']);
    });

    it('exits 0 when every DOWN undoes its UP', async () => {
      const r = await cli(['verify', '--dir', quickstart], { cwd: quickstart });
      assert.equal(r.code, 0, r.stdout);
      assert.equal(r.stdout, 'ok       0001_enable_pgvector.sql\nok       0002_create_documents.sql\nok       0003_create_chunks.sql\n\n3 migration(s): 3 passed, 0 failed, 0 skipped');
    });
  });
});

describe('verifying DOWN sections on a throwaway database [real PostgreSQL]', function () {
  this.timeout(120000);
  if (!SERVER_URL) {
    it.skip('SKIPPED: needs PGVM_TEST_DATABASE_URL pointing at a PostgreSQL with pgvector', () => undefined);
    return;
  }

  it('gives the same results as the embedded database and drops the database it created', async () => {
    const dir = copyProject(path.join(ROOT, 'test/fixtures/schema/round-trip'));
    try {
      const r = await cli(['verify', '--dir', dir, '--format', 'json', '--database-url', SERVER_URL!], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).migrations.map((m: { version: string; status: string; differences: string[] }) => [m.version, m.status, m.differences.length]), [
        ['0001', 'passed', 0], ['0002', 'passed', 0], ['0003', 'failed', 2], ['0004', 'failed', 1], ['0005', 'skipped', 0], ['0006', 'failed', 0], ['0007', 'skipped', 0],
      ]);
      const c = new Client({ connectionString: SERVER_URL });
      await c.connect();
      try {
        const left = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`pgvm\\_scratch\\_${process.pid}\\_%`]);
        assert.deepEqual(left.rows, []);
      } finally {
        await c.end();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
