import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';

describe('commands on a folder with no migration they can read', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
  const tree = (files: Record<string, string>) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-nothing-'));
    dirs.push(root);
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    return root;
  };

  const cases: { what: string; files: Record<string, string>; args: string[]; message: RegExp }[] = [
    { what: 'a repository with no migrations anywhere', files: { 'README.md': '# app' }, args: [], message: /no migrations found in \.: looked for prisma\/migrations\/\*\/migration\.sql, supabase\/migrations\/\*\.sql, .* and sqitch\.plan/ },
    { what: 'a folder whose files fit no name of its layout', files: { 'pgvector-migrator.json': '{ "migrationsDir": "sql", "layout": "golang-migrate" }', 'sql/schema.sql': 'SELECT 1;' }, args: [], message: /no migration in sql that the golang-migrate layout can read: looked for <version>_<name>\.up\.sql .*; 1 file\(s\) did not fit: schema\.sql/ },
    { what: 'a configured folder that does not exist', files: { 'pgvector-migrator.json': '{ "migrationsDir": "db/nowhere" }' }, args: [], message: /the migrations folder db\/nowhere does not exist/ },
  ];
  for (const command of ['status', 'up', 'lint']) {
    for (const c of cases) {
      it(`${command} exits 2 naming the folder and what it looked for, on ${c.what}`, async () => {
        const root = tree(c.files);
        const r = await cli([command, ...c.args], { cwd: root });
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, c.message);
        assert.doesNotMatch(r.stdout, /Nothing to apply|No problems found/);
      });
    }
  }

  it('says in one line which folder and layout it found without a config', async () => {
    const root = tree({ 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE a (id int PRIMARY KEY);', 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' });
    const r = await cli(['lint'], { cwd: root });
    assert.match(r.stderr, /^Using 1 migration\(s\) in prisma\/migrations \(prisma layout; no pgvector-migrator\.json found\)$/m);
  });

  it('lists both candidates when two folders hold migrations', async () => {
    const root = tree({ 'supabase/migrations/20240101000000_a.sql': 'SELECT 1;', 'migrations/0001_a.sql': 'SELECT 1;' });
    const r = await cli(['status'], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /found migrations in 2 places: supabase\/migrations and migrations/);
    assert.match(r.stderr, /pass --dir supabase\/migrations/);
  });
});
