import * as assert from 'node:assert/strict';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import type { MigrationSet } from '../../src/core/migrations/types';
import { historyRow } from '../support/history';
import { computeStatus } from '../../src/core/runner/status';
import { MigrationFailure } from '../../src/core/runner/execute';
import type { RunResult } from '../../src/core/runner/run';
import { failuresAfterRun, overlayFailures, RememberedFailure } from '../../src/core/runner/last-failures';
import { entryActions } from '../../src/core/runner/entry-actions';
import { migrationFile, tempProject, TempProject } from '../support/projects';

const applied = historyRow;

function failureOf(set: MigrationSet, version: string, direction: 'up' | 'down' = 'up'): MigrationFailure {
  const m = set.migrations.find((x) => x.version === version)!;
  return new MigrationFailure(`${version} failed`, m, direction, { index: 0, start: 0, end: 1 }, 'rolled-back', {});
}

describe('failures remembered between runs', () => {
  let project: TempProject;
  let set: MigrationSet;
  beforeEach(() => {
    project = tempProject({
      '0001_a.sql': migrationFile('CREATE TABLE a (id int);', 'DROP TABLE a;'),
      '0002_b.sql': migrationFile('CREATE TABLE b (id int);', 'DROP TABLE b;'),
      '0003_c.sql': migrationFile('CREATE TABLE c (id int);'),
    });
    set = loadMigrationSet(project.migrationsDir);
  });
  afterEach(() => project.cleanup());

  const result = (over: Partial<RunResult>): RunResult => ({ plan: [], completed: [], ...over });

  it('shows a rolled-back UP failure as failed although the history says pending', () => {
    const failures = failuresAfterRun([], result({ failure: failureOf(set, '0002') }));
    const status = computeStatus(set, [applied(set, '0001')]);
    const { entries, holding } = overlayFailures(status, failures);
    assert.deepEqual(entries.map((e) => e.state), ['applied', 'failed', 'pending']);
    assert.equal(entries[1].lastFailure?.failure.message, '0002 failed');
    assert.equal(holding.length, 1);
  });

  it('forgets a failure once the migration ran successfully', () => {
    const first = failuresAfterRun([], result({ failure: failureOf(set, '0002') }));
    const m = set.migrations[1];
    const after = failuresAfterRun(first, result({ completed: [{ migration: m, direction: 'up', durationMs: 1 }] }));
    assert.deepEqual(after, []);
  });

  it('does not remember a run the user cancelled', () => {
    const m = set.migrations[1];
    const cancelled = new MigrationFailure('cancelled', m, 'up', undefined, 'cancelled', {});
    assert.deepEqual(failuresAfterRun([], result({ failure: cancelled })), []);
  });

  it('forgets a failure once the file changed', () => {
    const failures: RememberedFailure[] = failuresAfterRun([], result({ failure: failureOf(set, '0002') }));
    project.write('0002_b.sql', migrationFile('CREATE TABLE b (id bigint);', 'DROP TABLE b;'));
    const edited = loadMigrationSet(project.migrationsDir);
    const { entries, holding } = overlayFailures(computeStatus(edited, [applied(edited, '0001')]), failures);
    assert.deepEqual(entries.map((e) => e.state), ['applied', 'pending', 'pending']);
    assert.deepEqual(holding, []);
  });

  it('forgets a failure the CLI made obsolete by applying the migration', () => {
    const failures = failuresAfterRun([], result({ failure: failureOf(set, '0002') }));
    const { entries } = overlayFailures(computeStatus(set, [applied(set, '0001'), applied(set, '0002')]), failures);
    assert.deepEqual(entries.map((e) => e.state), ['applied', 'applied', 'pending']);
  });
});

describe('actions offered on each migration', () => {
  let project: TempProject;
  let set: MigrationSet;
  beforeEach(() => {
    project = tempProject({
      '0001_a.sql': migrationFile('CREATE TABLE a (id int);', 'DROP TABLE a;'),
      '0002_b.sql': migrationFile('CREATE TABLE b (id int);', 'DROP TABLE b;'),
      '0003_c.sql': migrationFile('CREATE TABLE c (id int);', 'DROP TABLE c;'),
      '0004_d.sql': migrationFile('CREATE TABLE d (id int);'),
    });
    set = loadMigrationSet(project.migrationsDir);
  });
  afterEach(() => project.cleanup());

  const names = (flags: boolean[]) => flags.map((f, i) => (f ? set.migrations[i].version : undefined)).filter(Boolean);

  it('offers apply-up-to on pending ones, roll-back-to below the newest applied, roll back on the newest', () => {
    const actions = entryActions(computeStatus(set, [applied(set, '0001'), applied(set, '0002')]));
    assert.deepEqual(names(actions.map((a) => a.applyUpTo)), ['0003', '0004']);
    assert.deepEqual(names(actions.map((a) => a.rollBackTo)), ['0001']);
    assert.deepEqual(names(actions.map((a) => a.rollBack)), ['0002']);
    assert.deepEqual(names(actions.map((a) => a.hasDown)), ['0001', '0002', '0003']);
  });

  it('offers no roll back on the newest applied migration when it has no DOWN section', () => {
    const all = ['0001', '0002', '0003', '0004'].map((v) => applied(set, v));
    const actions = entryActions(computeStatus(set, all));
    assert.deepEqual(names(actions.map((a) => a.rollBack)), []);
    assert.deepEqual(names(actions.map((a) => a.rollBackTo)), ['0001', '0002', '0003']);
  });

  it('offers apply-up-to again on a migration whose transaction failed and rolled back', () => {
    const failures = failuresAfterRun([], { plan: [], completed: [], failure: failureOf(set, '0003') });
    const { entries } = overlayFailures(computeStatus(set, [applied(set, '0001'), applied(set, '0002')]), failures);
    const actions = entryActions(entries);
    assert.equal(entries[2].state, 'failed');
    assert.deepEqual(names(actions.map((a) => a.applyUpTo)), ['0003', '0004']);
  });

  it('offers no apply on a migration the history marks failed outside a transaction', () => {
    const status = computeStatus(set, [applied(set, '0001'), applied(set, '0002', { state: 'failed' })]);
    const actions = entryActions(status);
    assert.equal(status[1].state, 'failed');
    assert.equal(actions[1].applyUpTo, false);
    assert.equal(actions[1].rollBack, true);
  });
});
