// Sharing: two VS Code windows on the same folder and the CLI in a terminal, all on the project's
// one embedded database. Each window lets go of it when its action ends, so the others get in at
// once, and each window's Migrations view shows what the others did without a refresh.
import assert from 'node:assert/strict';
import { cli, cliStates } from '../project.mjs';

const ALL_PENDING = { '0001_enable_pgvector.sql': 'pending', '0002_create_documents.sql': 'pending', '0003_create_chunks.sql': 'pending' };
const ALL_APPLIED = { '0001_enable_pgvector.sql': /^applied /, '0002_create_documents.sql': /^applied /, '0003_create_chunks.sql': /^applied / };
const NEWEST_PENDING = { '0001_enable_pgvector.sql': /^applied /, '0002_create_documents.sql': /^applied /, '0003_create_chunks.sql': 'pending' };

export default {
  name: 'sharing',
  title: 'Two windows on the same folder and the CLI share the embedded database: each window shows what the other and the CLI did, without a refresh',
  async run(first, ctx) {
    await ctx.step('the first window lists three pending migrations', async () => {
      await first.openMigrationsView('0003_create_chunks.sql');
      await first.waitForItems('three pending migrations in the first window', ALL_PENDING);
    });
    const second = await ctx.step('a second window on the same folder lists them too', async () => {
      const wb = await ctx.openWindow();
      await wb.openMigrationsView('0003_create_chunks.sql');
      await wb.waitForItems('three pending migrations in the second window', ALL_PENDING);
      return wb;
    });

    await ctx.step('"Apply pending" in the first window shows in the second without a refresh', async () => {
      await first.clickTitleButton('Apply pending');
      await first.waitForNotification('the notification that says what was applied', (t) => t.includes('3 migration(s) applied on Embedded database'));
      await second.waitForItems('every migration applied in the second window', ALL_APPLIED);
    });

    await ctx.step('"Roll back" in the second window shows in the first without a refresh', async () => {
      const rollBack = await second.contextMenu('0003_create_chunks.sql', 'Roll back');
      await second.settle(); // a click while the menu still appears is lost
      await rollBack.click();
      await second.waitForItems('0003 pending in the second window', NEWEST_PENDING);
      await first.waitForItems('0003 pending in the first window', NEWEST_PENDING);
    });

    await ctx.step('the CLI reads the same history at once, and what its `up` applies shows in both windows', async () => {
      assert.deepEqual(await cliStates(ctx.root, ctx.project), { '0001': 'applied', '0002': 'applied', '0003': 'pending' });
      const up = cli(ctx.root, ctx.project, ['up']);
      assert.equal(up.code, 0, up.stderr);
      assert.doesNotMatch(up.stderr, /Waiting for the embedded database/);
      await first.waitForItems('the CLI\'s up in the first window', ALL_APPLIED);
      await second.waitForItems('the CLI\'s up in the second window', ALL_APPLIED);
      await first.waitForStatusBar(/^Embedded database · 0 pending$/);
      await ctx.screenshot('', second);
    });
  },
};
