// Failing: a migration whose third statement fails. The user is told which file and line, the item
// shows it failed, the statement carries the server's error, and the database holds nothing of it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliStates, embeddedTables } from '../project.mjs';
import { until } from '../workbench.mjs';

const FILE = '0004_tag_chunks.sql';
const MIGRATION = [
  `-- Migration: ${FILE}`,
  '-- Description: Tags for chunks, and the draft tag every new chunk starts with.',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: pgvector Migrator quickstart',
  '-- Date: 2026-01-06',
  '',
  '-- UP Migration',
  'CREATE TABLE chunk_tags (',
  '    chunk_id bigint NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,',
  '    tag text NOT NULL,',
  '    PRIMARY KEY (chunk_id, tag)',
  ');',
  'CREATE INDEX chunk_tags_tag_idx ON chunk_tags (tag);',
  'INSERT INTO chunk_tag_names (name)',
  "    VALUES ('draft');",
  '',
  '-- DOWN Migration',
  'DROP TABLE chunk_tags;',
  '',
].join('\n');
/** 1-based line of the third statement, the INSERT into a table that does not exist. */
const FAILING_LINE = MIGRATION.split('\n').indexOf('INSERT INTO chunk_tag_names (name)') + 1;
const SERVER_ERROR = 'relation "chunk_tag_names" does not exist';

export default {
  name: 'failing',
  docsImage: true,
  title: 'a migration failing at its third statement is reported with its file and line, shown failed, squiggled on that statement, and leaves nothing in the database',
  // Hovers open below the line: the statements above the failing one stay in view.
  userSettings: { 'editor.hover.above': false },
  prepare({ project }) {
    fs.writeFileSync(path.join(project, 'db', 'migrations', FILE), MIGRATION);
  },
  async run(wb, { step, screenshot, root, project }) {
    const { page } = wb;
    await step('the Migrations view lists four pending migrations', async () => {
      await wb.openMigrationsView(FILE);
      await wb.widenSidebar(400);
      await wb.waitForItems('four pending migrations', {
        '0001_enable_pgvector.sql': 'pending',
        '0002_create_documents.sql': 'pending',
        '0003_create_chunks.sql': 'pending',
        [FILE]: 'pending',
      });
    });

    await step('"Apply pending" stops at the failing migration with a notification naming its file and line', async () => {
      await wb.clickTitleButton('Apply pending');
      const message = await wb.waitForNotification('the error notification', (t) => t.includes(SERVER_ERROR));
      assert.match(message, new RegExp(`${FILE.replace('.', '\\.')} failed at statement 3 of UP`));
      assert.match(message, new RegExp(`\\(line ${FAILING_LINE}\\)`), `the notification names line ${FAILING_LINE}: ${message}`);
      assert.match(message, /3 migration\(s\) applied before it stay applied/);
    });

    await step('the item shows the migration failed, at that line; the ones before it applied', () => wb.waitForItems('0004 to show failed', {
      '0001_enable_pgvector.sql': /^applied /,
      '0002_create_documents.sql': /^applied /,
      '0003_create_chunks.sql': /^applied /,
      [FILE]: `failed (apply, line ${FAILING_LINE})`,
    }));

    await step('the failing statement carries the server\'s error as a diagnostic', async () => {
      await wb.treeRow(FILE).click();
      await until('the migration to open in the editor', () => wb.activeEditorTitle(), (t) => t === FILE);
      // The diagnostic spans the statement: a squiggle on each of its two lines.
      const squiggle = await until('the INSERT to be squiggled', () => wb.squiggleOnLine('INSERT INTO chunk_tag_names (name)'));
      assert.ok(await wb.squiggleOnLine("VALUES ('draft');"), 'the second line of the INSERT is squiggled too');
      for (const other of ['CREATE INDEX chunk_tags_tag_idx', 'DROP TABLE chunk_tags;']) {
        assert.equal(await wb.squiggleOnLine(other), undefined, `no error on "${other}"`);
      }
      await page.keyboard.press('ControlOrMeta+Shift+M');
      const rows = await until('the Problems panel to list the error', () => wb.problems(), (r) => r.some((x) => x.includes(SERVER_ERROR)));
      assert.match(rows.find((r) => r.includes(SERVER_ERROR)), new RegExp(`\\[Ln ${FAILING_LINE}, Col 1\\]`));
      const hover = await wb.hoverText(squiggle, SERVER_ERROR);
      assert.match(hover, /failed at statement 3 of UP/);
      assert.match(hover, /SQLSTATE 42P01/);
      await screenshot();
    });

    await step('nothing of the failed migration is in the database', async () => {
      assert.deepEqual(await cliStates(root, project), { '0001': 'applied', '0002': 'applied', '0003': 'applied', '0004': 'pending' });
      const tables = await embeddedTables(project);
      assert.ok(tables.includes('chunks'), `the migrations before it stay applied: ${tables.join(', ')}`);
      assert.ok(!tables.includes('chunk_tags'), `its first statement's table was rolled back: ${tables.join(', ')}`);
    });
  },
};
