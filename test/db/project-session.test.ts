import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Db } from '../../src/core/db/types';
import { ProjectSession } from '../../src/core/runner/project-session';
import { embedded } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';

describe('a project held open between actions [embedded PGlite]', function () {
  this.timeout(120000);
  let project: TempProject;
  let db: Db;
  let session: ProjectSession;

  beforeEach(async () => {
    project = tempProject({
      '0001_a.sql': migrationFile('CREATE TABLE a (id int);', 'DROP TABLE a;'),
      '0002_b.sql': migrationFile('CREATE TABLE b (id int);\nINSERT INTO nowhere VALUES (1);', 'DROP TABLE b;'),
    });
    db = await embedded.open(project);
    session = new ProjectSession(project.dir);
  });
  afterEach(async () => {
    await db.close();
    project.cleanup();
  });

  const states = () => session.view().entries.map((e) => [e.version, e.state]);

  it('knows no states until it has read the history', async () => {
    assert.equal(session.view().historyKnown, false);
    assert.equal(session.view().pending, undefined);
    await session.readHistory(db);
    assert.equal(session.view().historyKnown, true);
    assert.equal(session.view().pending, 2);
  });

  it('shows a migration whose transaction failed as failed, on the failing line, until a fixed file applies', async () => {
    const result = await session.run(db, { direction: 'up' });
    assert.ok(result.failure);
    assert.deepEqual(states(), [['0001', 'applied'], ['0002', 'failed']]);
    const [failure] = session.lastFailures();
    assert.equal(failure.version, '0002');
    assert.equal(failure.failure.location?.line, 9);
    assert.equal(failure.failure.sqlstate, '42P01');

    project.write('0002_b.sql', migrationFile('CREATE TABLE b (id int);', 'DROP TABLE b;'));
    session.reloadFiles();
    assert.deepEqual(states(), [['0001', 'applied'], ['0002', 'pending']]);
    assert.deepEqual(session.lastFailures(), []);
    await session.run(db, { direction: 'up' });
    assert.deepEqual(states(), [['0001', 'applied'], ['0002', 'applied']]);
  });

  it('sees a new file without asking the database', async () => {
    project.write('0002_b.sql', migrationFile('CREATE TABLE b (id int);', 'DROP TABLE b;'));
    await session.run(db, { direction: 'up' });
    await db.close();
    project.write('0003_c.sql', migrationFile('CREATE TABLE c (id int);', 'DROP TABLE c;'));
    session.reloadFiles();
    assert.deepEqual(states(), [['0001', 'applied'], ['0002', 'applied'], ['0003', 'pending']]);
    db = await embedded.open(project);
  });

  it('offers roll back on the newest applied migration after a run', async () => {
    project.write('0002_b.sql', migrationFile('CREATE TABLE b (id int);', 'DROP TABLE b;'));
    await session.run(db, { direction: 'up' });
    assert.deepEqual(session.view().actions.map((a) => a.rollBack), [false, true]);
    await session.run(db, { direction: 'down' });
    assert.deepEqual(states(), [['0001', 'applied'], ['0002', 'pending']]);
    assert.deepEqual(session.view().actions.map((a) => a.rollBack), [true, false]);
  });

  it('reports a broken config with the key it names, and lists nothing', () => {
    fs.writeFileSync(path.join(project.dir, 'pgvector-migrator.json'), '{ "migrationDir": "db/migrations" }');
    session.reloadFiles();
    const view = session.view();
    assert.match(view.configError ?? '', /unknown key "migrationDir"/);
    assert.deepEqual(view.entries, []);
  });
});
