import * as assert from 'node:assert/strict';
import type { Db } from '../../src/core/db/types';
import { describeEachDatabase, TestDatabase } from '../support/databases';
import { tempProject, TempProject } from '../support/projects';
import { run, states, userRelations } from '../support/run';

const LAYOUT_SETS: { layout: string; files: Record<string, string> }[] = [
  {
    layout: 'dbmate',
    files: {
      '20260101000000_a.sql': '-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n',
      '20260102000000_b.sql': '-- migrate:up transaction:false\nCREATE TABLE b (id int);\nCREATE INDEX CONCURRENTLY b_id_idx ON b (id);\n\n-- migrate:down\nDROP TABLE b;\n',
    },
  },
  {
    layout: 'golang-migrate',
    files: {
      '1_a.up.sql': 'CREATE TABLE a (id int);', '1_a.down.sql': 'DROP TABLE a;',
      '2_b.up.sql': 'CREATE TABLE b (id int);', '2_b.down.sql': 'DROP TABLE b;',
    },
  },
  {
    layout: 'flyway',
    files: {
      'V1__a.sql': 'CREATE TABLE a (id int);', 'U1__a.sql': 'DROP TABLE a;',
      'V1.1__b.sql': 'CREATE TABLE b (id int);', 'U1.1__b.sql': 'DROP TABLE b;',
    },
  },
];

describeEachDatabase('applying each layout', (database: TestDatabase) => {
  let project: TempProject;
  let db: Db;
  afterEach(async () => {
    await db.close();
    await database.drop(project);
    project.cleanup();
  });

  for (const { layout, files } of LAYOUT_SETS) {
    it(`applies and rolls back ${layout} migrations`, async () => {
      project = tempProject(files);
      db = await database.open(project);
      const up = await run(db, project, { direction: 'up' });
      assert.equal(up.failure, undefined, up.failure?.message);
      assert.ok((await userRelations(db)).includes('b'));
      assert.ok((await states(db, project)).every(([, s]) => s === 'applied'));
      const down = await run(db, project, { direction: 'down', to: '0' });
      assert.equal(down.failure, undefined, down.failure?.message);
      assert.deepEqual(await userRelations(db), []);
    });
  }

  it('applies plain UP-only files and refuses to roll them back', async () => {
    project = tempProject({ '20240101000000_init.sql': 'CREATE TABLE a (id int);' });
    db = await database.open(project);
    await run(db, project, { direction: 'up' });
    await assert.rejects(run(db, project, { direction: 'down' }), /has no DOWN section/);
    assert.deepEqual(await userRelations(db), ['a']);
  });
});
