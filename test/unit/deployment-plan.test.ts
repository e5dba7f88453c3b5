import * as assert from 'node:assert/strict';
import { formatEstimate } from '../../src/core/plan/estimate';
import { hnswMemory, ivfflatMemory, parallelWorkers, suggestedSetting } from '../../src/core/plan/index-memory';
import { blocks, modeFromPgLocks, LOCK_MODES } from '../../src/core/plan/lock-modes';
import { migrationSummary } from '../../src/core/plan/render/summary';
import type { StatementPlan } from '../../src/core/plan/types';

const MB = 2 ** 20;

describe('deployment plan estimates', () => {
  const ranges: [low: number, high: number, text: string][] = [
    [2, 4, '<10 ms'],
    [40, 160, '~40–160 ms'],
    [820, 3300, '~0.8–3.3 s'],
    [20000, 60000, '~20–60 s'],
    [41000, 164000, '~0.7–2.7 min'],
    [600000, 2400000, '~10–40 min'],
    [5000, 5000, '~5 s'],
  ];
  for (const [lowMs, highMs, text] of ranges) {
    it(`reads ${lowMs}–${highMs} ms as "${text}"`, () => assert.equal(formatEstimate({ lowMs, highMs }), text));
  }
});

describe('index build memory', () => {
  it('says 100k rows of vector(768) at m = 16 need about 360 MB, which 64 MB does not hold, and suggests 512MB', () => {
    const m = hnswMemory(100_000, 768, 16, 64 * MB);
    assert.ok(m.memoryBytes > 350 * MB && m.memoryBytes < 370 * MB, String(m.memoryBytes));
    assert.deepEqual([m.fits, m.suggestedSetting], [false, '512MB']);
  });

  it('fits the same graph in 1 GB', () => {
    assert.deepEqual([hnswMemory(100_000, 768, 16, 1024 * MB).fits, hnswMemory(100_000, 768, 16, 1024 * MB).suggestedSetting], [true, undefined]);
  });

  it("sizes IVFFlat's k-means by its sample, not by the table", () => {
    assert.equal(ivfflatMemory(10_000_000, 768, 100, 64 * MB).memoryBytes, ivfflatMemory(20_000, 768, 100, 64 * MB).memoryBytes);
  });

  it('suggests powers of two with a quarter spare, in GB from 1 GB', () => {
    assert.deepEqual([suggestedSetting(100 * MB), suggestedSetting(900 * MB), suggestedSetting(3000 * MB)], ['128MB', '2GB', '4GB']);
  });

  const workers: [heapMb: number, max: number, mwmMb: number, expected: number][] = [
    [4, 2, 64, 0],
    [8, 2, 1024, 1],
    [24, 2, 1024, 2],
    [24, 2, 64, 1],
    [1000, 0, 1024, 0],
  ];
  for (const [heapMb, max, mwmMb, expected] of workers) {
    it(`plans ${expected} parallel worker(s) for ${heapMb} MB of heap, max ${max}, maintenance_work_mem ${mwmMb} MB`, () => {
      assert.equal(parallelWorkers(heapMb * MB, { maxParallelMaintenanceWorkers: max, minParallelTableScanSizeBytes: 8 * MB, maintenanceWorkMemBytes: mwmMb * MB }), expected);
    });
  }
});

describe('lock modes', () => {
  it('reads every pg_locks mode name as its documented name', () => {
    const pg = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];
    assert.deepEqual(pg.map(modeFromPgLocks), [...LOCK_MODES]);
  });

  it('says what each mode blocks', () => {
    assert.deepEqual(LOCK_MODES.map(blocks), ['neither', 'neither', 'neither', 'neither', 'writes', 'writes', 'writes', 'reads and writes']);
  });
});

describe('the CodeLens summary of a migration', () => {
  const stmt = (over: Partial<StatementPlan>): StatementPlan => ({
    line: 1, sql: '', locks: [], rewrite: false, scan: false, indexBuild: null, estimate: { lowMs: 2, highMs: 4 }, lockHeld: null,
    kinds: [], rows: null, notes: [], risks: [], outsideTransaction: false, ...over,
  });

  it('names the strongest lock, the heaviest work, the estimate at the rows, and the error-level risks', () => {
    const text = migrationSummary([
      stmt({ locks: [{ relation: 'chunks', mode: 'SHARE UPDATE EXCLUSIVE', blocks: 'neither' }] }),
      stmt({ locks: [{ relation: 'chunks', mode: 'ACCESS EXCLUSIVE', blocks: 'reads and writes' }], rewrite: true, rows: 1_200_000, estimate: { lowMs: 20000, highMs: 60000 }, risks: [{ id: 'plan-lock-across-rewrite', severity: 'error', message: '' }] }),
    ]);
    assert.equal(text, 'ACCESS EXCLUSIVE on chunks · rewrite · ~20–60 s at 1.2M rows · 1 risk');
  });
});
