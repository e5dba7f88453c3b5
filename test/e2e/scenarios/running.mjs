// Running: "Apply pending" from the view's title bar, "Roll back" from the newest item's context
// menu, and the database (read by the CLI, which the editor never keeps out) agreeing with the view.
import assert from 'node:assert/strict';
import { cliStates, embeddedTables } from '../project.mjs';

/**
 * The clicks and checks of the scenario, shared with the server scenario: `connection` is the
 * status bar's connection name, `databaseStates()` and `tables()` read the database behind it.
 */
export async function applyAndRollBack(wb, { step, screenshot }, { connection, databaseStates, tables }) {
  await step('"Apply pending" in the view\'s title bar turns every migration applied', async () => {
    await wb.clickTitleButton('Apply pending');
    await wb.waitForNotification('the notification that says what was applied', (t) => t.includes(`3 migration(s) applied on ${connection}`));
    await wb.waitForItems('every migration to show applied', {
      '0001_enable_pgvector.sql': /^applied \d{4}-\d\d-\d\d \d\d:\d\d$/,
      '0002_create_documents.sql': /^applied /,
      '0003_create_chunks.sql': /^applied /,
    });
  });

  await step('the status bar shows the connection and 0 pending', () => wb.waitForStatusBar(new RegExp(`^${connection} · 0 pending$`)));

  await step('"Roll back" on the newest item\'s context menu turns it pending again', async () => {
    const rollBack = await wb.contextMenu('0003_create_chunks.sql', 'Roll back');
    await screenshot();
    await rollBack.click();
    await wb.waitForItems('0003 to show pending, the others applied', {
      '0001_enable_pgvector.sql': /^applied /,
      '0002_create_documents.sql': /^applied /,
      '0003_create_chunks.sql': 'pending',
    });
    await wb.waitForStatusBar(new RegExp(`^${connection} · 1 pending$`));
  });

  await step('the database agrees: 0001 and 0002 applied, 0003 pending, its table gone', async () => {
    assert.deepEqual(await databaseStates(), { '0001': 'applied', '0002': 'applied', '0003': 'pending' });
    const found = await tables();
    assert.ok(found.includes('documents'), `documents exists: ${found.join(', ')}`);
    assert.ok(!found.includes('chunks'), `chunks was dropped by the roll back: ${found.join(', ')}`);
  });
}

export default {
  name: 'running',
  docsImage: true,
  title: 'Apply pending applies every migration on the embedded database, Roll back undoes the newest, and the CLI reads the same history',
  async run(wb, ctx) {
    await ctx.step('the Migrations view lists three pending migrations', async () => {
      await wb.openMigrationsView('0003_create_chunks.sql');
      await wb.widenSidebar(440);
      await wb.waitForItems('three pending migrations', {
        '0001_enable_pgvector.sql': 'pending',
        '0002_create_documents.sql': 'pending',
        '0003_create_chunks.sql': 'pending',
      });
      await wb.waitForStatusBar(/^Embedded database · 3 pending$/);
    });
    await applyAndRollBack(wb, ctx, {
      connection: 'Embedded database',
      // The editor lets go of the embedded database when each action ends: the CLI gets in at once.
      databaseStates: () => cliStates(ctx.root, ctx.project),
      tables: () => embeddedTables(ctx.project),
    });
  },
};
