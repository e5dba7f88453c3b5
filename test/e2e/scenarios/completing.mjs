// Completing: in a new migration, `ALTER TABLE chunks ALTER COLUMN ` offers the columns chunks
// has as the history stands (from the migration files alone, no database), each with where it
// was defined; accepting one writes it.
import assert from 'node:assert/strict';
import { until } from '../workbench.mjs';

const TYPED = 'ALTER TABLE chunks ALTER COLUMN ';

export default {
  name: 'completing',
  docsImage: true,
  title: 'ALTER TABLE chunks ALTER COLUMN offers the columns of chunks from the migration history, and accepting one writes it',
  userSettings: {
    'pgvectorMigrator.author': 'Ada Developer',
    'editor.autoClosingBrackets': 'never',
    'editor.autoIndent': 'none',
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.suggest.showStatusBar': false,
  },
  async run(wb, { step, screenshot }) {
    const { page } = wb;
    await step('the Migrations view lists the quickstart', () => wb.openMigrationsView('0003_create_chunks.sql'));

    await step('"New Migration" opens a new file with the cursor in its UP section', async () => {
      await wb.clickTitleButton('New Migration');
      await wb.answerInputBox('tune chunk embeddings', { promptIncludes: 'What does it do?' });
      await until('the new file to open in the editor', () => wb.activeEditorTitle(), (t) => t === '0004_tune_chunk_embeddings.sql');
      const lines = await until('the template in the editor', () => wb.editorLines(), (l) => l.includes('-- DOWN Migration'));
      await wb.waitForCursorAt(lines.indexOf('-- UP Migration') + 3);
    });

    await step('typing ALTER TABLE chunks ALTER COLUMN and asking for suggestions lists the columns of chunks', async () => {
      await page.keyboard.type(TYPED);
      await until('the typed line in the editor', () => wb.editorLines(), (l) => l.some((x) => x.startsWith(TYPED.trim())));
      await page.keyboard.press('Control+Space');
      const widget = page.locator('.editor-widget.suggest-widget').filter({ visible: true });
      await widget.waitFor();
      const rows = await until('the column suggestions', async () => (await widget.locator('.monaco-list-row').allInnerTexts()).map((t) => t.split('\n')[0]),
        (labels) => labels.includes('embedding') && labels.includes('content'));
      assert.ok(!rows.includes('documents'), `only columns, no tables: ${JSON.stringify(rows)}`);
      // The focused item's details say where the column was defined.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await until('embedding to be the focused suggestion', () => widget.locator('.monaco-list-row.focused').innerText(), (t) => t.startsWith('embedding'));
      await page.keyboard.press('Control+Space');
      await until('the detail of embedding', () => page.locator('.suggest-details').filter({ visible: true }).innerText().catch(() => ''), (t) => t.includes('chunks.embedding vector(1536) — 0003_create_chunks.sql:14'));
      await screenshot();
    });

    await step('accepting the suggestion writes the column name', async () => {
      await page.keyboard.press('Tab');
      await until('the completed line', () => wb.editorLines(), (l) => l.some((x) => x.startsWith('ALTER TABLE chunks ALTER COLUMN embedding')));
    });
  },
};
