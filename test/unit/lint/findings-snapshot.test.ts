// The safety net for the linter's speed work: every finding of every rule on a fixed corpus
// (the rule tests' SQL plus generated statements of every kind) must stay exactly as recorded.
// After a deliberate change of findings, regenerate with test/support/make-lint-corpus.cjs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusFindings, SNAPSHOT_FILE, SnapshotFinding } from '../../support/lint-corpus-snapshot';

const corpus = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'lint-corpus');

describe('findings on the fixed lint corpus', function () {
  // Whole-corpus and large-file cases: seconds on a loaded 2-core machine, past mocha's 2 s default.
  this.timeout(60000);
  it('are exactly the recorded findings, positions, messages and fixes included', async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(corpus, SNAPSHOT_FILE), 'utf8')) as SnapshotFinding[];
    const actual = JSON.parse(JSON.stringify(await corpusFindings(corpus))) as SnapshotFinding[];
    assert.ok(expected.length > 500, `the snapshot holds ${expected.length} findings`);
    assert.deepEqual(actual, expected);
  });
});
