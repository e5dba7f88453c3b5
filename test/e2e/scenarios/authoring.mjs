// Authoring: a new migration from the view's title bar, a vector column with the wrong number of
// dimensions typed into it, the squiggle, the hover that explains it, the quick fix that ends it.
import assert from 'node:assert/strict';
import { until } from '../workbench.mjs';

const TABLE = [
  'CREATE TABLE chunk_embeddings (',
  '    chunk_id bigint PRIMARY KEY REFERENCES chunks (id) ON DELETE CASCADE,',
  '    model text NOT NULL,',
  '    embedding vector(768) NOT NULL',
  ');',
];

export default {
  name: 'authoring',
  docsImage: true,
  title: 'a vector(768) column typed into a new migration of a 1536-dimension project is squiggled, explained on hover and quick-fixed to vector(1536)',
  userSettings: {
    // The header's Author, instead of this machine's git user.name.
    'pgvectorMigrator.author': 'Ada Developer',
    // Keystrokes land as typed: no auto-closed brackets, auto-indent or suggestions in between.
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoIndent': 'none',
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.acceptSuggestionOnEnter': 'off',
    'editor.hover.delay': 300,
    'editor.hover.above': false,
  },
  async run(wb, { step, screenshot }) {
    const { page } = wb;
    await step('the Migrations view lists the quickstart', () => wb.openMigrationsView('0003_create_chunks.sql'));

    await step('"New Migration" in the view\'s title bar asks for a name and opens the new file', async () => {
      await wb.clickTitleButton('New Migration');
      await wb.answerInputBox('add chunk embeddings', { promptIncludes: 'What does it do?' });
      await until('the new file to open in the editor', () => wb.activeEditorTitle(), (t) => t === '0004_add_chunk_embeddings.sql');
      await wb.treeRow('0004_add_chunk_embeddings.sql').waitFor();
    });

    await step('the CREATE TABLE is typed into the UP section, DROP TABLE into the DOWN section', async () => {
      const lines = await until('the template in the editor', () => wb.editorLines(), (l) => l.includes('-- DOWN Migration'));
      const up = lines.indexOf('-- UP Migration');
      const down = lines.indexOf('-- DOWN Migration');
      assert.ok(up >= 0 && lines[up + 1] === 'BEGIN;' && lines[down + 1] === 'BEGIN;', `the template has UP and DOWN sections: ${JSON.stringify(lines)}`);
      // New Migration leaves the cursor on the blank line after the UP section's BEGIN (1-based: up + 3).
      await wb.waitForCursorAt(up + 3);
      await page.keyboard.type(TABLE.join('\n'));
      // And the DOWN section undoes it, so that the only finding left is the one this is about.
      await wb.goToLine(down + TABLE.length + 2);
      await page.keyboard.type('DROP TABLE chunk_embeddings;');
      // Monaco renders the lines in animation frames: read them until the last keystroke shows.
      await until('the typed SQL in the editor', () => wb.editorLines(), (lines) => {
        const text = lines.join('\n');
        return text.includes(`BEGIN;\n${TABLE.join('\n')}\n`) && text.includes('-- DOWN Migration\nBEGIN;\nDROP TABLE chunk_embeddings;\n');
      });
    });

    const COLUMN = 'embedding vector(768) NOT NULL';
    await step('a squiggle appears under vector(768)', () => until('an error squiggle under vector(768)', () => wb.squiggleOnLine(COLUMN, { word: 'vector(768)' })));

    await step('hovering the squiggle explains the dimension mismatch', async () => {
      const hover = await wb.hoverText(await wb.squiggleOnLine(COLUMN, { word: 'vector(768)' }), 'Why it matters');
      assert.match(hover, /vector-dimension-mismatch/);
      assert.match(hover, /embedding is vector\(768\) but the project's embeddings are 1536-dimensional/);
      assert.match(hover, /checklist item 4/);
      assert.match(hover, /Why it matters\. pgvector rejects a value whose dimension count differs/);
      assert.match(hover, /Quick fix: Change to vector\(1536\)/);
      await screenshot();
    });

    await step('the quick fix "Change to vector(1536)" rewrites the column and the squiggle goes away', async () => {
      // The hover's own "Quick Fix..." link, for the problem under the mouse.
      await page.locator('.monaco-hover').filter({ visible: true }).getByText('Quick Fix...', { exact: false }).first().click();
      const fix = page.getByRole('option', { name: 'Change to vector(1536)' }).filter({ visible: true }).first();
      await fix.waitFor();
      // The menu's rows never count as "stable" to Playwright (the list re-renders them): click
      // where the row is on screen, as the mouse would.
      const box = await fix.boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await until('the column to read vector(1536)', () => wb.editorLines(), (l) => l.some((x) => x.includes('embedding vector(1536) NOT NULL')));
      await until('the squiggle to go away', () => wb.squiggleOnLine('embedding vector(1536) NOT NULL'), (found) => found === undefined);
    });
  },
};
