import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import type { MigrationSet } from '../../src/core/migrations/types';
import type { HistoryRow } from '../../src/core/db/history';
import { historyRow } from '../support/history';
import { computeStatus, legacyChecksumUpgrades } from '../../src/core/runner/status';
import { planRun, PlanOptions } from '../../src/core/runner/plan';
import { MigratorError } from '../../src/core/errors';
import { migrationFile, tempProject, TempProject } from '../support/projects';

const row = historyRow;

describe('status and plans', () => {
  let project: TempProject;
  let set: MigrationSet;
  beforeEach(() => {
    project = tempProject({
      '0001_a.sql': migrationFile('CREATE TABLE a (id int);', 'DROP TABLE a;'),
      '0002_b.sql': migrationFile('CREATE TABLE b (id int);', 'DROP TABLE b;'),
      '0003_c.sql': migrationFile('CREATE TABLE c (id int);', 'DROP TABLE c;'),
    });
    set = loadMigrationSet(project.migrationsDir);
  });
  afterEach(() => project.cleanup());

  const versions = (steps: { migration: { version: string } }[]) => steps.map((s) => s.migration.version);
  const plan = (history: HistoryRow[], options: PlanOptions) => planRun(set, computeStatus(set, history), options);

  it('shows each state: applied, pending, failed, changed, missing', () => {
    const history = [row(set, '0001'), row(set, '0002', { checksum: 'different' }), row(set, '0003', { state: 'failed' }), row(set, '0004')];
    project.write('0005_e.sql', migrationFile('SELECT 1;'));
    set = loadMigrationSet(project.migrationsDir);
    assert.deepEqual(computeStatus(set, history).map((e) => [e.version, e.state]), [
      ['0001', 'applied'], ['0002', 'changed'], ['0003', 'failed'], ['0004', 'missing'], ['0005', 'pending'],
    ]);
  });

  it('matches history rows to files by version identity: 1 is 0001, and each spelling keeps its own row', () => {
    project.write('0_zero.sql', migrationFile('SELECT 0;'));
    project.write('0000_init.sql', migrationFile('SELECT 1;'));
    set = loadMigrationSet(project.migrationsDir);
    const history = [row(set, '0'), row(set, '0000'), row(set, '0001', { version: '1' })];
    assert.deepEqual(computeStatus(set, history).map((e) => [e.version, e.state]), [
      ['0', 'applied'], ['0000', 'applied'], ['0001', 'applied'], ['0002', 'pending'], ['0003', 'pending'],
    ]);
  });

  it('accepts the checksum earlier releases recorded for an unchanged file, and offers to upgrade it', () => {
    const m = set.migrations[0];
    const status = computeStatus(set, [row(set, '0001', { checksum: m.legacyChecksum })]);
    assert.equal(status[0].state, 'applied');
    assert.notEqual(m.legacyChecksum, m.checksum);
    assert.deepEqual(legacyChecksumUpgrades(status), [{ version: '0001', checksum: m.checksum }]);
  });

  it('treats a rolled-back version as pending', () => {
    assert.equal(computeStatus(set, [row(set, '0001', { state: 'rolled_back', direction: 'down' })])[0].state, 'pending');
  });

  it('applies pending migrations in version order, up to --to', () => {
    assert.deepEqual(versions(plan([row(set, '0001')], { direction: 'up' })), ['0002', '0003']);
    assert.deepEqual(versions(plan([], { direction: 'up', to: '0002' })), ['0001', '0002']);
  });

  it('rolls back newest first: one by default, --steps N, --to V, --to 0', () => {
    const all = ['0001', '0002', '0003'].map((v) => row(set, v));
    assert.deepEqual(versions(plan(all, { direction: 'down' })), ['0003']);
    assert.deepEqual(versions(plan(all, { direction: 'down', steps: 2 })), ['0003', '0002']);
    assert.deepEqual(versions(plan(all, { direction: 'down', to: '0001' })), ['0003', '0002']);
    assert.deepEqual(versions(plan(all, { direction: 'down', to: '0' })), ['0003', '0002', '0001']);
  });

  const refusals: { what: string; setup: () => HistoryRow[]; options: PlanOptions; message: RegExp; allowedBy?: Partial<PlanOptions> }[] = [
    { what: 'an applied file changed', setup: () => [row(set, '0001', { checksum: 'old' })], options: { direction: 'up' }, message: /0001_a\.sql changed after it was applied/, allowedBy: { allowDrift: true } },
    { what: 'a duplicate version', setup: () => { project.write('0002_dup.sql', 'SELECT 1;'); set = loadMigrationSet(project.migrationsDir); return []; }, options: { direction: 'up' }, message: /version 0002 is used twice/ },
    { what: 'a duplicate version, even with --allow-drift (it is for changed files only)', setup: () => { project.write('2_dup.sql', 'SELECT 1;'); set = loadMigrationSet(project.migrationsDir); return []; }, options: { direction: 'up', allowDrift: true }, message: /version 2 is used twice: 0002_b\.sql and 2_dup\.sql/ },
    { what: 'a pending version older than the newest applied', setup: () => [row(set, '0001'), row(set, '0003')], options: { direction: 'up' }, message: /0002_b\.sql is pending but older than 0003_c\.sql/, allowedBy: { allowOutOfOrder: true } },
    { what: 'a migration left failed', setup: () => [row(set, '0001', { state: 'failed', statementsDone: 2 })], options: { direction: 'up' }, message: /is marked failed.*stopped after 2 statement/, allowedBy: { retryFailed: true } },
    { what: 'rolling back a migration without DOWN', setup: () => { project.write('0003_c.sql', migrationFile('CREATE TABLE c (id int);')); set = loadMigrationSet(project.migrationsDir); return ['0001', '0002', '0003'].map((v) => row(set, v)); }, options: { direction: 'down', steps: 2 }, message: /0003_c\.sql has no DOWN section, so down stops before it; nothing was rolled back/ },
    { what: 'rolling back a migration whose file is missing', setup: () => { project.remove('0003_c.sql'); set = loadMigrationSet(project.migrationsDir); return [row(set, '0001'), row(set, '0003')]; }, options: { direction: 'down' }, message: /applied but its file is missing/ },
    { what: 'an unknown --to version', setup: () => [], options: { direction: 'up', to: '0042' }, message: /there is no migration with version 0042/ },
  ];
  for (const r of refusals) {
    it(`refuses up front when ${r.what}`, () => {
      const history = r.setup();
      assert.throws(() => plan(history, r.options), (err: unknown) => err instanceof MigratorError && r.message.test(err.message));
      if (r.allowedBy) assert.doesNotThrow(() => plan(history, { ...r.options, ...r.allowedBy }));
    });
  }

  it('names the file of the refusal so the user can open it', () => {
    try {
      plan([row(set, '0001', { checksum: 'old' })], { direction: 'up' });
      assert.fail('expected a refusal');
    } catch (err) {
      assert.equal(path.basename((err as MigratorError).location!.file), '0001_a.sql');
    }
  });
});
