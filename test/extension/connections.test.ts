/**
 * Connections: a connection is tested before it is saved, its password goes to SecretStorage and
 * never into settings or the log; a production connection asks for the database name; Cancel
 * stops the statement running on the server. The server half needs PGVM_TEST_DATABASE_URL.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as vscode from 'vscode';
import { SERVER_URL, serverAdmin } from './support/server';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import type { ActionOutcome } from '../../src/extension/commands/outcome';
import { extensionApi, migrationPath, run, startFresh, states, until, writeFile } from './support/host';


function savedConnections(): unknown[] {
  return vscode.workspace.getConfiguration('pgvectorMigrator').inspect<unknown[]>('connections')?.globalValue ?? [];
}

/** A local port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('connections', function () {
  this.timeout(180000);
  let api: PgvectorMigratorApi;

  before(async () => {
    api = await extensionApi();
    await startFresh(api);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('pgvectorMigrator').update('connections', undefined, vscode.ConfigurationTarget.Global);
    await startFresh(api);
  });

  it('does not save a connection it cannot reach, and never writes its password to the log', async () => {
    const secret = `pgvm-Unreachable-${process.pid}-Secret`;
    const saved = await run<string | undefined>('pgvectorMigrator.addConnection', {
      name: 'unreachable', host: '127.0.0.1', port: await closedPort(), database: 'nowhere', user: 'nobody', password: secret,
    });
    assert.strictEqual(saved, undefined);
    assert.deepStrictEqual(savedConnections(), []);
    const log = api.logLines().join('\n');
    assert.match(log, /Connection "unreachable" failed, not saved: .*ECONNREFUSED/);
    assert.ok(!log.includes(secret), 'the password is not in the log');
  });

  it('refuses a URL that carries a password, without repeating the password', async () => {
    const secret = `pgvm-Inline-${process.pid}-Secret`;
    const saved = await run<string | undefined>('pgvectorMigrator.addConnection', { name: 'inline', url: `postgres://me:${secret}@127.0.0.1:1/app` });
    assert.strictEqual(saved, undefined);
    assert.deepStrictEqual(savedConnections(), []);
    assert.ok(!api.logLines().join('\n').includes(secret));
  });

  describe('on a real PostgreSQL server', function () {
    if (!SERVER_URL) {
      it.skip('needs PGVM_TEST_DATABASE_URL pointing at a PostgreSQL with pgvector');
      return;
    }
    const database = `pgvm_ext_${process.pid}`;
    const secret = `pgvm-Server-${process.pid}-Secret`;
    let serverUrl: string;
    const admin = serverAdmin;

    before(async () => {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      await admin((c) => c.query(`CREATE DATABASE ${database}`));
      const url = new URL(SERVER_URL!);
      url.password = '';
      url.pathname = `/${database}`;
      serverUrl = url.toString();
    });
    after(async () => {
      await run('pgvectorMigrator.selectConnection', { kind: 'embedded' });
      await api.releaseDatabase();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    });

    it('tests, saves and selects a connection, keeping its password out of the settings', async () => {
      const saved = await run<string | undefined>('pgvectorMigrator.addConnection', { name: 'test server', url: serverUrl, password: secret });
      assert.strictEqual(saved, 'test server');
      assert.deepStrictEqual(savedConnections(), [{ name: 'test server', url: serverUrl }]);
      assert.match(api.statusBarText(), /^\$\(database\) test server/);
      assert.match(api.logLines().join('\n'), /Connection "test server" works: PostgreSQL \d+/);
    });

    it('applies on the server, logging every statement but never the password', async () => {
      const outcome = await run<ActionOutcome>('pgvectorMigrator.applyPending');
      assert.strictEqual(outcome.status, 'done', outcome.message);
      assert.deepStrictEqual(outcome.completed, ['0001', '0002', '0003']);
      const rows = await admin((c) => c.query('SELECT version, state FROM pgvector_migrator_history ORDER BY version'), database);
      assert.deepStrictEqual(rows.rows.map((r) => `${r.version} ${r.state}`), ['0001 applied', '0002 applied', '0003 applied']);
      assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied']);
      const log = api.logLines().join('\n');
      assert.match(log, /on test server \(postgres:\/\/[^)]*\/pgvm_ext_\d+\)/);
      assert.match(log, /CREATE TABLE IF NOT EXISTS chunks/);
      assert.ok(!log.includes(secret), 'the password is not in the log');
    });

    it('asks for the database name on a production connection and refuses a wrong one', async () => {
      await vscode.workspace.getConfiguration('pgvectorMigrator').update('connections', [{ name: 'test server', url: serverUrl, production: true }], vscode.ConfigurationTarget.Global);
      const refusedOutcome = await run<ActionOutcome>('pgvectorMigrator.rollBack', { confirmDatabaseName: 'postgres' });
      assert.strictEqual(refusedOutcome.status, 'refused');
      assert.match(refusedOutcome.message, /production connection/);
      assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied']);
      const confirmed = await run<ActionOutcome>('pgvectorMigrator.rollBack', { confirmDatabaseName: database });
      assert.strictEqual(confirmed.status, 'done', confirmed.message);
      assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 pending']);
    });

    it('cancels the statement running on the server and rolls its migration back', async () => {
      const slow = writeFile(migrationPath('0004_slow.sql'), '-- UP Migration\nBEGIN;\nCREATE TABLE cancel_me (id int);\nSELECT pg_sleep(120);\nCOMMIT;\n\n-- DOWN Migration\nDROP TABLE cancel_me;\n');
      try {
        await run('pgvectorMigrator.refresh');
        const running = run<ActionOutcome>('pgvectorMigrator.applyPending', { confirmDatabaseName: database });
        await until(api, 'pg_sleep running on the server', async () => {
          const r = await admin((c) => c.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE '%pg_sleep(120)%'`, [database]));
          return r.rows.length > 0 ? true : undefined;
        });
        assert.strictEqual(api.cancelRunning(), true);
        const outcome = await running;
        assert.strictEqual(outcome.status, 'cancelled', outcome.message);
        assert.deepStrictEqual(outcome.completed, ['0003']);
        const left = await admin((c) => c.query(`SELECT 1 FROM pg_tables WHERE tablename = 'cancel_me'`), database);
        assert.strictEqual(left.rows.length, 0);
        assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied', '0004 pending']);
      } finally {
        fs.rmSync(slow, { force: true });
      }
    });
  });
});
