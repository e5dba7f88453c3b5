/**
 * The editor and the terminal on one embedded database at once: with the Migrations view shown,
 * the CLI's status, up and down work right away, and the view shows what they did without a
 * refresh. An editor action that finds the database held by another process waits, saying for
 * whom, and can be cancelled.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import type { ActionOutcome } from '../../src/extension/commands/outcome';
import { openEmbedded } from '../../src/core/db/embedded';
import { cli, CliResult, embeddedLockFile, extensionApi, recordMeasurement, run, startFresh, states, until, workspaceDir } from './support/host';

describe('the embedded database shared with the CLI', function () {
  this.timeout(180000);
  let api: PgvectorMigratorApi;

  before(async () => {
    api = await extensionApi();
    await startFresh(api);
    await vscode.commands.executeCommand('pgvectorMigrator.migrations.focus');
  });
  after(() => run('pgvectorMigrator.refresh'));

  /** What the view shows once it has caught up with `expected`, and how long that took. */
  async function viewShows(what: string, expected: string[]): Promise<number> {
    const started = Date.now();
    await until(api, what, async () => (JSON.stringify(await states(api)) === JSON.stringify(expected) ? true : undefined));
    return Date.now() - started;
  }

  function ok(r: CliResult): CliResult {
    assert.strictEqual(r.code, 0, r.stderr);
    return r;
  }

  it('shows what the CLI applies with `up` while the view is shown, without a refresh', async () => {
    assert.deepStrictEqual(await states(api), ['0001 pending', '0002 pending', '0003 pending']);
    const up = ok(await cli(['up', '--to', '0002']));
    assert.doesNotMatch(up.stderr, /Waiting for the embedded database/);
    recordMeasurement('viewFollowsCliMs', await viewShows('the CLI\'s up in the view', ['0001 applied', '0002 applied', '0003 pending']));
    assert.match(api.logLines().join('\n'), /The embedded database of quickstart was changed by process \d+ \(pgvector-migrator CLI \(up\)\): reading its history again/);
  });

  it('lets the CLI\'s `status` read at once what the editor applied', async () => {
    const outcome = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(outcome.status, 'done', outcome.message);
    const status = ok(await cli(['status', '--format', 'json']));
    const rows = JSON.parse(status.stdout) as { version: string; state: string }[];
    assert.deepStrictEqual(rows.map((r) => `${r.version} ${r.state}`), ['0001 applied', '0002 applied', '0003 applied']);
  });

  it('shows what the CLI rolls back with `down` while the view is shown, without a refresh', async () => {
    ok(await cli(['down']));
    await viewShows('the CLI\'s down in the view', ['0001 applied', '0002 applied', '0003 pending']);
    assert.strictEqual(api.statusBarText(), '$(database) Embedded database · 1 pending');
  });

  it('serves the editor and two CLI processes at the same moment, one at a time, each command succeeding', async () => {
    const [up, status] = await Promise.all([cli(['up']), cli(['status']), run('pgvectorMigrator.refresh')]);
    ok(up);
    ok(status);
    await viewShows('the concurrent up in the view', ['0001 applied', '0002 applied', '0003 applied']);
    assert.strictEqual(fs.existsSync(embeddedLockFile()), false, 'nobody holds it once they are done');
  });

  it('makes an editor action wait for another holder, saying for whom, and cancels it without changing anything', async () => {
    const holder = await openEmbedded(workspaceDir(), 'extension-host test (holding the database)');
    let outcome: ActionOutcome;
    try {
      const rollingBack = run<ActionOutcome>('pgvectorMigrator.rollBack', { version: '0003' });
      await until(api, 'the wait in the log', () => api.logLines().find((l) => /Waiting for the embedded database of quickstart: it is in use by process \d+ \(extension-host test \(holding the database\), since /.test(l)));
      assert.ok(api.cancelRunning(), 'the action was running');
      outcome = await rollingBack;
    } finally {
      await holder.close();
    }
    assert.strictEqual(outcome.status, 'cancelled', outcome.message);
    assert.match(outcome.message, /was cancelled before it started; nothing was changed \(stopped waiting for the embedded database, in use by process \d+ \(extension-host test \(holding the database\), since [^)]*\): cancelled\)/);
    await run('pgvectorMigrator.refresh');
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied']);
  });
});
