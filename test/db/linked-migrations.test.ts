// A migration that is a symbolic link to a file (shared migrations in a monorepo) is listed by
// status and applied by up like any other.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Db } from '../../src/core/db/types';
import { describeEachDatabase, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { run, states, userRelations } from '../support/run';

describeEachDatabase('migrations that are symbolic links', (database: TestDatabase) => {
  let project: TempProject;
  let db: Db;
  beforeEach(async () => {
    project = tempProject({ '0001_a.sql': migrationFile('CREATE TABLE a (id bigint PRIMARY KEY);', 'DROP TABLE a;') });
    fs.mkdirSync(path.join(project.dir, 'shared'));
    fs.writeFileSync(path.join(project.dir, 'shared', 'b.sql'), migrationFile('CREATE TABLE b (id bigint PRIMARY KEY);', 'DROP TABLE b;'));
    fs.symlinkSync(path.join(project.dir, 'shared', 'b.sql'), path.join(project.migrationsDir, '0002_b.sql'));
    db = await database.open(project);
  });
  afterEach(async () => {
    await db.close();
    await database.drop(project);
    project.cleanup();
  });

  it('lists a linked migration as pending, then applies it', async () => {
    assert.deepEqual(await states(db, project), [['0001', 'pending'], ['0002', 'pending']]);
    const result = await run(db, project, { direction: 'up' });
    assert.equal(result.failure, undefined);
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied']]);
    assert.ok((await userRelations(db)).includes('b'));
  });
});
