import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadProject } from '../../src/core/config/config';
import { loadMigrationSet, loadProjectMigrations } from '../../src/core/migrations/discover';
import { sectionText } from '../../src/core/migrations/types';
import { LAYOUT_FIXTURES, tempProject, TempProject } from '../support/projects';

/** What each fixture set is, found without a config from the project folder. */
const FIXTURES: { tool: string; folder: string; layout: string; versions: string[]; downs: boolean }[] = [
  { tool: 'prisma', folder: 'prisma/migrations', layout: 'prisma', versions: ['20240101120000', '20240102120000', '20240103120000'], downs: false },
  { tool: 'drizzle', folder: 'drizzle', layout: 'drizzle', versions: ['0000', '0001', '0002'], downs: false },
  { tool: 'goose', folder: 'migrations', layout: 'goose', versions: ['20240101000000', '20240102000000', '20240103000000'], downs: true },
  { tool: 'supabase', folder: 'supabase/migrations', layout: 'supabase', versions: ['20240101000000', '20240102000000', '20240103000000'], downs: false },
  { tool: 'sqitch', folder: '.', layout: 'sqitch', versions: ['documents', 'chunks', 'chunks_embedding_idx'], downs: true },
];

describe('reading other tools\' migration sets without a config', () => {
  for (const f of FIXTURES) {
    it(`finds the ${f.tool} set in ${f.folder} and reads it in the ${f.layout} layout`, () => {
      const root = path.join(LAYOUT_FIXTURES, f.tool);
      const project = loadProject(root, root);
      assert.equal(path.relative(root, project.migrationsDir) || '.', f.folder);
      assert.equal(project.configFile, undefined);
      const set = loadProjectMigrations(project);
      assert.equal(set.layout, f.layout);
      assert.deepEqual(set.problems, []);
      assert.deepEqual(set.migrations.map((m) => m.version), f.versions);
      assert.deepEqual(set.migrations.map((m) => m.down !== undefined), f.versions.map(() => f.downs));
    });
  }

  it('reads goose\'s Up and Down as two sections, so the Down is never part of the UP', () => {
    const set = loadMigrationSet(path.join(LAYOUT_FIXTURES, 'goose/migrations'));
    const [first, second, third] = set.migrations;
    assert.equal(sectionText(first.up).trim(), 'CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE documents (\n    id bigserial PRIMARY KEY,\n    title text NOT NULL\n);');
    assert.equal(sectionText(first.down!).trim(), 'DROP TABLE documents;');
    assert.doesNotMatch(sectionText(second.up), /DROP/);
    assert.equal(third.up.noTransaction, true);
    assert.equal(first.up.noTransaction, false);
  });

  it('keeps sqitch\'s plan order and its verify scripts', () => {
    const set = loadMigrationSet(path.join(LAYOUT_FIXTURES, 'sqitch'));
    assert.deepEqual(set.migrations.map((m) => path.relative(set.dir, m.verify!.file)), ['verify/documents.sql', 'verify/chunks.sql', 'verify/chunks_embedding_idx.sql']);
    assert.match(sectionText(set.migrations[0].down!), /DROP TABLE documents/);
  });
});

describe('layouts that keep an order outside the file names', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.cleanup());

  const journal = (tags: string[]) => JSON.stringify({ version: '7', dialect: 'postgresql', entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1700000000000 + idx, tag, breakpoints: true })) });

  it('applies drizzle files in the journal\'s order and reports a file the journal does not list', () => {
    project = tempProject({ '0000_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 2;', '0002_c.sql': 'SELECT 3;' });
    fs.mkdirSync(path.join(project.migrationsDir, 'meta'));
    fs.writeFileSync(path.join(project.migrationsDir, 'meta/_journal.json'), journal(['0001_b', '0000_a']));
    const set = loadMigrationSet(project.migrationsDir);
    assert.equal(set.layout, 'drizzle');
    assert.deepEqual(set.migrations.map((m) => m.version), ['0001', '0000']);
    assert.deepEqual(set.problems.map((p) => [p.kind, p.message]), [['unlisted', '0002_c.sql is not listed in _journal.json']]);
  });

  it('reports a sqitch change that has no deploy script', () => {
    project = tempProject({});
    fs.writeFileSync(path.join(project.migrationsDir, 'sqitch.plan'), '%project=p\n\na 2024-01-01T00:00:00Z A <a@x> # a\nb [a] 2024-01-01T00:00:00Z A <a@x> # b\n');
    fs.mkdirSync(path.join(project.migrationsDir, 'deploy'));
    fs.writeFileSync(path.join(project.migrationsDir, 'deploy/a.sql'), 'SELECT 1;');
    const set = loadMigrationSet(project.migrationsDir);
    assert.deepEqual(set.migrations.map((m) => m.version), ['a']);
    assert.deepEqual(set.problems.map((p) => p.kind), ['missing-script']);
  });
});

describe('the config\'s ignore list', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.cleanup());

  it('leaves out the files its globs match, and only those', () => {
    project = tempProject({ '20240101000000_a.sql': 'SELECT 1;', 'local_20240107152745_ollama.sql': 'SELECT 2;', 'notes.sql': 'SELECT 3;' }, { ignore: ['db/migrations/local_*.sql'] });
    const set = loadProjectMigrations(loadProject(project.dir));
    assert.deepEqual(set.migrations.map((m) => m.version), ['20240101000000']);
    assert.deepEqual(set.problems.map((p) => path.basename(p.file)), ['notes.sql']);
  });
});

describe('finding the project without a config', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
  const tree = (files: Record<string, string>) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-locate-'));
    dirs.push(root);
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    return root;
  };

  it('refuses two candidate folders, naming both', () => {
    const root = tree({ 'supabase/migrations/20240101000000_a.sql': 'SELECT 1;', 'db/migrations/0001_a.sql': 'SELECT 1;' });
    assert.throws(() => loadProject(undefined, root), /found migrations in 2 places: supabase\/migrations and db\/migrations/);
  });

  it('keeps the project folder at the repository root whatever --dir points at', () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'drizzle/0000_a.sql': 'SELECT 1;', 'drizzle/meta/_journal.json': journal() });
    assert.equal(loadProject('drizzle', root).projectDir, root);
    assert.equal(loadProject(undefined, path.join(root, 'drizzle')).projectDir, root);
    assert.equal(loadProject(undefined, path.join(root, 'drizzle')).migrationsDir, path.join(root, 'drizzle'));
  });

  it('uses the config above a --dir folder, so adding a config never switches databases', () => {
    const root = tree({ 'pgvector-migrator.json': '{ "migrationsDir": "drizzle" }', 'drizzle/0000_a.sql': 'SELECT 1;' });
    const project = loadProject('drizzle', root);
    assert.equal(project.projectDir, root);
    assert.equal(project.configFile, path.join(root, 'pgvector-migrator.json'));
  });

  function journal(): string {
    return JSON.stringify({ entries: [{ idx: 0, when: 1, tag: '0000_a' }] });
  }
});
