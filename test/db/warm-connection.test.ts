import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openEmbedded } from '../../src/core/db/embedded';
import { WarmConnection, ScheduleIdle } from '../../src/core/db/warm-connection';
import { tempProject, TempProject } from '../support/projects';

/** An idle timer the test fires by hand, so nothing depends on how long anything takes. */
function manualTimer(): { schedule: ScheduleIdle; fire(): void; armed(): boolean } {
  let pending: (() => void) | undefined;
  return {
    schedule: (_ms, fire) => {
      pending = fire;
      return { cancel: () => { if (pending === fire) pending = undefined; } };
    },
    fire: () => { const f = pending; pending = undefined; f?.(); },
    armed: () => pending !== undefined,
  };
}

describe('a warm connection to the embedded database', function () {
  this.timeout(120000);
  let project: TempProject;
  let opens: number;
  let timer: ReturnType<typeof manualTimer>;
  let warm: WarmConnection;
  const lockFile = () => path.join(project.dir, '.pgvector-migrator', 'db.lock');

  beforeEach(() => {
    project = tempProject();
    opens = 0;
    timer = manualTimer();
    warm = new WarmConnection({
      open: () => { opens++; return openEmbedded(project.dir, 'pgvector Migrator in VS Code (test)'); },
      idleMs: 60000,
      schedule: timer.schedule,
    });
  });
  afterEach(async () => {
    await warm.release();
    project.cleanup();
  });

  it('opens on first use and serves later actions from the same connection', async () => {
    assert.equal(warm.isOpen, false);
    assert.equal(fs.existsSync(lockFile()), false);
    await warm.use((db) => db.execute('CREATE TABLE t (id int)'));
    await warm.use((db) => db.execute('INSERT INTO t VALUES (1)'));
    const rows = await warm.use((db) => db.query<{ n: number }>('SELECT count(*)::int AS n FROM t'));
    assert.equal(rows.rows[0].n, 1);
    assert.equal(opens, 1);
    assert.equal(warm.isOpen, true);
  });

  it('closes when idle, freeing the lock for another process, and keeps the data', async () => {
    let closed!: () => void;
    const closedOnIdle = new Promise<void>((resolve) => { closed = resolve; });
    warm = new WarmConnection({
      open: () => openEmbedded(project.dir, 'pgvector Migrator in VS Code (test)'),
      idleMs: 60000,
      schedule: timer.schedule,
      onChange: (open) => { if (!open) closed(); },
    });
    await warm.use((db) => db.execute('CREATE TABLE kept (id int)'));
    assert.equal(fs.existsSync(lockFile()), true);
    timer.fire();
    await closedOnIdle;
    assert.equal(warm.isOpen, false);
    assert.equal(fs.existsSync(lockFile()), false);
    const other = await openEmbedded(project.dir, 'another process');
    try {
      const r = await other.query(`SELECT 1 FROM pg_tables WHERE tablename = 'kept'`);
      assert.equal(r.rows.length, 1);
    } finally {
      await other.close();
    }
  });

  it('with no quiet period, ends each action with the database closed and the lock free, and reopens for the next', async () => {
    warm = new WarmConnection({
      open: () => { opens++; return openEmbedded(project.dir, 'pgvector Migrator in VS Code (test)'); },
      idleMs: 0,
      schedule: timer.schedule,
    });
    await warm.use((db) => db.execute('CREATE TABLE t (id int)'));
    assert.equal(warm.isOpen, false);
    assert.equal(fs.existsSync(lockFile()), false);
    const rows = await warm.use((db) => db.query<{ n: number }>('SELECT count(*)::int AS n FROM t'));
    assert.equal(rows.rows[0].n, 0);
    assert.equal(opens, 2);
    assert.equal(timer.armed(), false, 'no idle timer is needed');
  });

  it('with no quiet period, serves actions queued behind each other from one open', async () => {
    warm = new WarmConnection({
      open: () => { opens++; return openEmbedded(project.dir, 'pgvector Migrator in VS Code (test)'); },
      idleMs: 0,
      schedule: timer.schedule,
    });
    await Promise.all([warm.use((db) => db.execute('CREATE TABLE q (id int)')), warm.use((db) => db.execute('INSERT INTO q VALUES (1)'))]);
    assert.equal(opens, 1);
    assert.equal(warm.isOpen, false);
  });

  it('does not close while an action is running', async () => {
    const order: string[] = [];
    await warm.use(async (db) => {
      order.push('first starts');
      assert.equal(timer.armed(), false);
      await db.execute('SELECT 1');
      order.push('first ends');
    });
    assert.equal(timer.armed(), true);
    await warm.use(async () => { order.push('second'); });
    assert.deepEqual(order, ['first starts', 'first ends', 'second']);
  });

  it('runs actions one at a time, in the order they were asked for', async () => {
    const order: string[] = [];
    const a = warm.use(async (db) => {
      order.push('a: BEGIN');
      await db.execute('BEGIN');
      await db.execute('CREATE TABLE inside (id int)');
      await db.execute('ROLLBACK');
      order.push('a: ROLLBACK');
    });
    const b = warm.use(async (db) => {
      order.push('b');
      return db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'inside'`);
    });
    const [, seen] = await Promise.all([a, b]);
    assert.deepEqual(order, ['a: BEGIN', 'a: ROLLBACK', 'b']);
    assert.equal(seen.rows.length, 0);
  });

  it('tries again on the next action after a failed open', async () => {
    let fail = true;
    const flaky = new WarmConnection({
      open: () => (fail ? Promise.reject(new Error('busy')) : openEmbedded(project.dir, 'test')),
      idleMs: 60000,
      schedule: timer.schedule,
    });
    await assert.rejects(flaky.use(async () => undefined), /busy/);
    fail = false;
    await flaky.use((db) => db.execute('SELECT 1'));
    await flaky.release();
    assert.equal(fs.existsSync(lockFile()), false);
  });
});
