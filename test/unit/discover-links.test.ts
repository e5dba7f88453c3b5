// Symbolic links and special files in a migrations directory: links to files are followed (what
// status, up and lint all read), and whatever cannot be read is named with why.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { migrationFile, tempProject, TempProject } from '../support/projects';

const A = migrationFile('CREATE TABLE a (id bigint PRIMARY KEY);', 'DROP TABLE a;', '0001_a.sql');

describe('symbolic links and special files among the migrations', () => {
  let project: TempProject;
  beforeEach(() => {
    project = tempProject({ '0001_a.sql': A });
  });
  afterEach(() => project.cleanup());

  const link = (name: string, target: string) => fs.symlinkSync(target, path.join(project.migrationsDir, name));
  const problems = () => loadMigrationSet(project.migrationsDir).problems.map((p) => `${path.basename(p.file)}: ${p.message}`);

  it('follows a link to a migration file elsewhere, as a migration of the set', () => {
    const shared = path.join(project.dir, 'shared');
    fs.mkdirSync(shared);
    fs.writeFileSync(path.join(shared, 'b.sql'), migrationFile('CREATE TABLE b (id bigint PRIMARY KEY);', 'DROP TABLE b;', '0002_b.sql'));
    link('0002_b.sql', path.join(shared, 'b.sql'));
    const set = loadMigrationSet(project.migrationsDir);
    assert.deepEqual(set.migrations.map((m) => [m.version, path.basename(m.files[0])]), [['0001', '0001_a.sql'], ['0002', '0002_b.sql']]);
    assert.deepEqual(set.problems, []);
  });

  const unreadable: { what: string; make: () => void; message: RegExp }[] = [
    { what: 'a link that points at itself', make: () => link('0002_loop.sql', '0002_loop.sql'), message: /^0002_loop\.sql: cannot read 0002_loop\.sql: it is a symbolic link that loops/ },
    { what: 'a link to a file that is gone', make: () => link('0002_gone.sql', 'nowhere/0002_gone.sql'), message: /^0002_gone\.sql: cannot read 0002_gone\.sql: it is a symbolic link to nowhere\/0002_gone\.sql, which does not exist$/ },
    { what: 'a FIFO', make: () => execFileSync('mkfifo', [path.join(project.migrationsDir, '0002_pipe.sql')]), message: /^0002_pipe\.sql: cannot read 0002_pipe\.sql: it is a FIFO \(named pipe\), not a regular file$/ },
    { what: 'a link to a FIFO', make: () => { execFileSync('mkfifo', [path.join(project.dir, 'pipe')]); link('0002_pipe.sql', path.join(project.dir, 'pipe')); }, message: /it is a FIFO \(named pipe\), not a regular file$/ },
  ];
  for (const c of unreadable) {
    it(`names ${c.what} with why it cannot be read`, () => {
      c.make();
      const found = problems();
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], c.message);
    });
  }

  it('says a migrations folder that is a symbolic link loop is one, in discovery and in lint', async () => {
    fs.rmSync(project.migrationsDir, { recursive: true });
    fs.symlinkSync('migrations', project.migrationsDir);
    assert.deepEqual(problems(), ['migrations: the migrations directory migrations is a symbolic link that loops (migrations leads back to itself)']);
    const err: string[] = [];
    const code = await main(['lint'], { out: () => undefined, err: (l) => err.push(l), cwd: project.dir, env: {}, signal: new AbortController().signal });
    assert.equal(code, 2);
    assert.match(err.join('\n'), /the migrations folder db\/migrations is a symbolic link that loops/);
  });

  it('makes lint check a linked migration and report an unreadable entry as an error', async () => {
    fs.writeFileSync(path.join(project.dir, 'b.sql'), migrationFile('CREATE TABLE b (id bigint PRIMARY KEY,);', 'DROP TABLE b;', '0002_b.sql'));
    link('0002_b.sql', path.join(project.dir, 'b.sql'));
    link('0003_loop.sql', '0003_loop.sql');
    const out: string[] = [];
    const code = await main(['lint', '--format', 'json'], { out: (l) => out.push(l), err: () => undefined, cwd: project.dir, env: {}, signal: new AbortController().signal });
    assert.equal(code, 1);
    const findings = (JSON.parse(out.join('\n')) as { file: string; rule: string }[]).map((f) => `${f.file} ${f.rule}`);
    assert.ok(findings.includes('db/migrations/0002_b.sql syntax-error'), findings.join('\n'));
    assert.ok(findings.includes('db/migrations/0003_loop.sql migration-file-invalid'), findings.join('\n'));
  });
});
