// Several CLI processes applying the same set at once, with CREATE INDEX CONCURRENTLY in it: the
// waiters must never hold what the holder's CONCURRENTLY build waits for.
import * as assert from 'node:assert/strict';
import { describeServerOnly, serverUrlFor, TestDatabase } from '../support/databases';
import { tempProject, TempProject } from '../support/projects';
import { concurrentSet, runAppliers, summariseRound } from '../support/appliers';

const APPLIERS = 4;
const ROUNDS = 2;

describeServerOnly('concurrent appliers on a set with CONCURRENTLY migrations', (database: TestDatabase) => {
  const projects: TempProject[] = [];
  after(async () => {
    for (const p of projects) {
      await database.drop(p);
      p.cleanup();
    }
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`lets ${APPLIERS} appliers started at once all exit 0, each migration applied once, every index valid (round ${round})`, async function () {
      this.timeout(120000);
      const project = tempProject(concurrentSet());
      projects.push(project);
      const url = await serverUrlFor(project);
      const exits = await runAppliers(project.dir, url, APPLIERS);
      const summary = await summariseRound(url, exits);
      assert.deepEqual(summary.failedProcesses, [], 'every applier exits 0');
      assert.equal(summary.appliedLines, Object.keys(concurrentSet()).length, 'each migration is applied by exactly one applier');
      assert.equal(summary.logRows, 1, 'the transactional migration ran once');
      assert.deepEqual(summary.invalidIndexes, []);
      assert.deepEqual(summary.historyStates, ['applied', 'applied', 'applied', 'applied']);
    });
  }

  it('lets a second applier started just after the first wait without breaking its CONCURRENTLY build', async function () {
    this.timeout(120000);
    const project = tempProject(concurrentSet());
    projects.push(project);
    const url = await serverUrlFor(project);
    const exits = await runAppliers(project.dir, url, 2, 300);
    const summary = await summariseRound(url, exits);
    assert.deepEqual(summary.failedProcesses, []);
    assert.deepEqual(summary.invalidIndexes, []);
    assert.deepEqual(summary.historyStates, ['applied', 'applied', 'applied', 'applied']);
  });
});
