// Running on a PostgreSQL server: the connection added through "Select Connection" > "Add
// connection…" (password into the secret store), then the running scenario's clicks, checked with
// the CLI's `status --database-url` and the server's catalog.
import assert from 'node:assert/strict';
import { cliStates, serverDatabase } from '../project.mjs';
import { applyAndRollBack } from './running.mjs';

const SERVER_URL = process.env.PGVM_TEST_DATABASE_URL;
const CONNECTION = 'test server';

export default {
  name: 'server',
  title: 'the same on a PostgreSQL server added with "Add connection…": applied, rolled back, and the CLI reads the same history with --database-url',
  skip: () => (SERVER_URL ? undefined : 'PGVM_TEST_DATABASE_URL is not set (scripts/setup-postgres.sh prints one; .ci/run always sets it)'),
  async prepare(ctx) {
    ctx.database = await serverDatabase(SERVER_URL, `pgvm_ui_${process.pid}`);
  },
  async cleanup(ctx) {
    await ctx.database?.drop();
  },
  async run(wb, ctx) {
    const { step } = ctx;
    const db = ctx.database;
    await step('the Migrations view lists the quickstart', () => wb.openMigrationsView('0003_create_chunks.sql'));

    await step('"Select Connection" > "Add connection…" asks for the server, tests it and selects it', async () => {
      await wb.clickTitleButton('Select Connection');
      await wb.pick('Add connection…', { titleIncludes: 'Select Connection' });
      const p = db.parts;
      await wb.answerInputBox(CONNECTION, { promptIncludes: 'A name for this connection' });
      await wb.answerInputBox(p.host, { promptIncludes: 'Host' });
      await wb.answerInputBox(p.port, { promptIncludes: 'Port' });
      await wb.answerInputBox(p.database, { promptIncludes: 'Database' });
      await wb.answerInputBox(p.user, { promptIncludes: 'User' });
      await wb.pick('disable', { titleIncludes: 'Add Connection (6/8)' });
      await wb.answerInputBox(p.password, { promptIncludes: 'Password' });
      await wb.pick('No', { titleIncludes: 'Add Connection (8/8)' });
      await wb.waitForNotification('the notification that the connection was saved', (t) => t.includes(`Saved connection "${CONNECTION}"`));
      await wb.waitForStatusBar(new RegExp(`^${CONNECTION} · 3 pending$`));
      await wb.waitForItems('three pending migrations on the server', {
        '0001_enable_pgvector.sql': 'pending',
        '0002_create_documents.sql': 'pending',
        '0003_create_chunks.sql': 'pending',
      });
    });

    await applyAndRollBack(wb, ctx, {
      connection: CONNECTION,
      databaseStates: () => cliStates(ctx.root, ctx.project, ['--database-url', db.url]),
      tables: () => db.tables(),
    });

    await step('the embedded database was never used', () => {
      const states = cliStates(ctx.root, ctx.project);
      return states.then((s) => assert.deepEqual(s, { '0001': 'pending', '0002': 'pending', '0003': 'pending' }));
    });
  },
};
