// A CONCURRENTLY build that fails or is cancelled leaves an INVALID index: status names it, a
// retry drops and rebuilds it, and no run records the migration applied while it is invalid.
import * as assert from 'node:assert/strict';
import { Client } from 'pg';
import type { Db } from '../../src/core/db/types';
import { describeServerOnly, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';
import { run, states } from '../support/run';

const UNIQUE_BUILD = 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_label_key ON items (label);';

describeServerOnly('invalid indexes left by CONCURRENTLY builds', (database: TestDatabase) => {
  let project: TempProject;
  let db: Db;
  let url: string;
  let other: Client;

  beforeEach(async () => {
    project = tempProject({
      '0001_items.sql': migrationFile("CREATE TABLE items (id int PRIMARY KEY, label text);\nINSERT INTO items SELECT g, 'label ' || g FROM generate_series(1, 100) g;"),
    });
    db = await database.open(project);
    url = await serverUrlFor(project);
    other = new Client({ connectionString: url });
    await other.connect();
    await run(db, project, { direction: 'up' });
  });
  afterEach(async () => {
    await other.end();
    await db.close();
    await database.drop(project);
    project.cleanup();
  });

  const validity = async () => (await other.query<{ indisvalid: boolean }>(
    `SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('items_label_key')`)).rows.map((r) => r.indisvalid);

  /** Two ways a build ends with its index left invalid; each returns what undoes the cause. */
  const failures: { how: string; leaveInvalid: () => Promise<() => Promise<void>> }[] = [
    {
      how: 'fails over duplicate values',
      leaveInvalid: async () => {
        await other.query(`UPDATE items SET label = 'label 1' WHERE id = 2`);
        const result = await run(db, project, { direction: 'up' });
        assert.equal(result.failure?.sqlstate, '23505');
        return async () => { await other.query(`UPDATE items SET label = 'label 2' WHERE id = 2`); };
      },
    },
    {
      how: 'is cancelled while it waits for a writer',
      leaveInvalid: async () => {
        const writer = new Client({ connectionString: url });
        await writer.connect();
        await writer.query(`BEGIN; INSERT INTO items VALUES (1000, 'held open')`);
        const controller = new AbortController();
        const running = run(db, project, { direction: 'up', signal: controller.signal });
        await waitFor(async () => (await other.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'CREATE UNIQUE INDEX%'`)).rowCount === 1);
        controller.abort();
        assert.equal((await running).failure?.outcome, 'cancelled');
        return async () => {
          await writer.query('ROLLBACK');
          await writer.end();
        };
      },
    },
  ];

  for (const { how, leaveInvalid } of failures) {
    it(`says which index a build that ${how} left invalid, then drops and rebuilds it on --retry-failed`, async () => {
      project.write('0002_items_label_key.sql', migrationFile(UNIQUE_BUILD));
      const undoCause = await leaveInvalid();
      assert.deepEqual(await validity(), [false], 'PostgreSQL leaves the index behind, invalid');
      const status = await cli(['status', '--database-url', url], { cwd: project.dir });
      assert.match(status.stdout, /0002\s+db\/migrations\/0002_items_label_key\.sql\s+FAILED \(index items_label_key left invalid\)/);

      await undoCause();
      const retried = await run(db, project, { direction: 'up', retryFailed: true });
      assert.equal(retried.failure, undefined);
      assert.deepEqual(await validity(), [true]);
      assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'applied']]);
    });
  }

  it('never records a migration applied while an index it builds is invalid', async () => {
    // An invalid index of that name already exists: IF NOT EXISTS skips the build and succeeds.
    await other.query(`UPDATE items SET label = 'label 1' WHERE id = 2`);
    await other.query('CREATE UNIQUE INDEX CONCURRENTLY items_label_key ON items (label)').catch(() => undefined);
    await other.query(`UPDATE items SET label = 'label 2' WHERE id = 2`);
    project.write('0002_items_label_key.sql', migrationFile(UNIQUE_BUILD));
    const result = await run(db, project, { direction: 'up' });
    assert.match(result.failure?.message ?? '', /index items_label_key left invalid/);
    assert.deepEqual(await states(db, project), [['0001', 'applied'], ['0002', 'failed']]);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 10000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
