// The connection to the server is cut or goes silent at the worst moment (around the COMMIT):
// the run must end within a bound and say what is true, which it learns from the history row.
import * as assert from 'node:assert/strict';
import type { Db } from '../../src/core/db/types';
import { openServer } from '../../src/core/db/server';
import type { RunResult } from '../../src/core/runner/run';
import { describeServerOnly, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';
import { run, states } from '../support/run';
import { bindsValue, Fault, FaultyProxy, holds } from '../support/tcp-proxy';

const NETWORK_TIMEOUT_MS = 1000;

interface Case {
  what: string;
  direction: 'up' | 'down';
  /** The migration under test is 0002; 0001 is applied first (and 0002 too for a DOWN). */
  second: string;
  fault: Fault;
  message: RegExp;
  fix: RegExp;
  states: [string, string][];
}

const TRANSACTIONAL = migrationFile('CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);', 'DROP TABLE b;');
const CONCURRENT = migrationFile('CREATE INDEX CONCURRENTLY a_id_idx ON a (id);', 'DROP INDEX CONCURRENTLY a_id_idx;');

const cases: Case[] = [
  {
    what: 'the answer to the COMMIT is cut off',
    direction: 'up', second: TRANSACTIONAL, fault: { when: holds('COMMIT'), action: 'cut-after-answer' },
    message: /^0002_b\.sql was committed before the connection was lost: it is applied$/, fix: /nothing to undo/,
    states: [['0001', 'applied'], ['0002', 'applied']],
  },
  {
    what: 'the connection is cut before the transaction reaches the server',
    direction: 'up', second: TRANSACTIONAL, fault: { when: holds('COMMIT'), action: 'cut-before' },
    message: /lost the connection to the server during the UP transaction of 0002_b\.sql; the server did not commit it/, fix: /nothing of this migration was applied/,
    states: [['0001', 'applied'], ['0002', 'pending']],
  },
  {
    what: 'the answer to the COMMIT of a DOWN is cut off',
    direction: 'down', second: TRANSACTIONAL, fault: { when: holds('COMMIT'), action: 'cut-after-answer' },
    message: /^0002_b\.sql was committed before the connection was lost: it is rolled back$/, fix: /nothing to undo/,
    states: [['0001', 'applied'], ['0002', 'pending']],
  },
  {
    what: 'the answer to the final history write of a CONCURRENTLY migration is cut off',
    direction: 'up', second: CONCURRENT, fault: { when: bindsValue('applied'), action: 'cut-after-answer' },
    message: /^0002_b\.sql was committed before the connection was lost: it is applied$/, fix: /nothing to undo/,
    states: [['0001', 'applied'], ['0002', 'applied']],
  },
  {
    what: 'the connection is cut after the COMMIT and the server cannot be reached again',
    direction: 'up', second: TRANSACTIONAL, fault: { when: holds('COMMIT'), action: 'cut-after-answer', then: 'refuse' },
    message: /lost the connection to the server during the UP transaction of 0002_b\.sql; outcome unknown/, fix: /`status` tells whether it was applied/,
    states: [['0001', 'applied'], ['0002', 'applied']],
  },
  {
    what: 'the network goes silent after the COMMIT is sent',
    direction: 'up', second: TRANSACTIONAL, fault: { when: holds('COMMIT'), action: 'silent-after-send' },
    message: /^0002_b\.sql was committed before the connection was lost: it is applied$/, fix: /nothing to undo/,
    states: [['0001', 'applied'], ['0002', 'applied']],
  },
  {
    what: 'the network goes silent after the COMMIT is sent, for new connections too',
    direction: 'up', second: TRANSACTIONAL, fault: { when: holds('COMMIT'), action: 'silent-after-send', then: 'silence' },
    message: /lost the connection to the server during the UP transaction of 0002_b\.sql; outcome unknown/, fix: /`status` tells whether it was applied/,
    states: [['0001', 'applied'], ['0002', 'applied']],
  },
];

describeServerOnly('a connection lost around the COMMIT', (database: TestDatabase) => {
  let project: TempProject;
  let direct: Db;
  let url: string;
  let proxy: FaultyProxy;

  beforeEach(async () => {
    project = tempProject({ '0001_a.sql': migrationFile('CREATE TABLE a (id int);', 'DROP TABLE a;') });
    direct = await database.open(project);
    url = await serverUrlFor(project);
    await run(direct, project, { direction: 'up' });
    proxy = await FaultyProxy.start(url);
  });
  afterEach(async () => {
    await proxy.close();
    await direct.close();
    await database.drop(project);
    project.cleanup();
  });

  for (const c of cases) {
    it(`tells the truth when ${c.what}`, async () => {
      project.write('0002_b.sql', c.second);
      if (c.direction === 'down') await run(direct, project, { direction: 'up' });
      const db = await openServer({ connectionString: proxy.urlFor(url) }, 'pgvm lost-connection test', { networkTimeoutMs: NETWORK_TIMEOUT_MS });
      let result: RunResult;
      try {
        proxy.arm(c.fault);
        result = await run(db, project, { direction: c.direction });
      } finally {
        await db.close();
      }
      assert.ok(proxy.struck, 'the fault struck');
      assert.equal(result.failure?.outcome, 'connection-lost');
      assert.match(result.failure!.message, c.message);
      assert.match(result.failure!.fix ?? '', c.fix);
      if (/silent/.test(c.fault.action)) assert.match(result.failure!.detail ?? '', /lost the connection to the server: no answer for 1s/);
      await proxy.close(); // the lingering session of an unreachable case ends here
      assert.deepEqual(await states(direct, project), c.states);
    });
  }

  it('makes the CLI exit 1 saying the migration is applied when only the answer to its COMMIT was lost', async () => {
    project.write('0002_b.sql', TRANSACTIONAL);
    proxy.arm({ when: holds('COMMIT'), action: 'cut-after-answer' });
    const r = await cli(['up', '--database-url', proxy.urlFor(url)], { cwd: project.dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: 0002_b\.sql was committed before the connection was lost: it is applied/);
    assert.match(r.stderr, /1 migration\(s\) applied before the failure stay applied/);
  });
});
