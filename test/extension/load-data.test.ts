/**
 * Load Data into Table… on the embedded database: a migration creates notes(id, title,
 * embedding vector(3)); the command, given a small CSV with one bad row, previews the column
 * mapping and that row before anything is written, loads the good rows and opens the rejects file
 * at the rejected line; a large file is cancelled mid-load from the progress notification's
 * Cancel, keeps exactly the committed batches, and Resume loads the rest, every row once.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import type { LoadApi } from '../../src/extension/load/register';
import type { LoadDataOutcome } from '../../src/extension/load/load-data';
import type { ActionOutcome } from '../../src/extension/commands/outcome';
import { openEmbedded } from '../../src/core/db/embedded';
import { extensionApi, items, migrationPath, run, startFresh, workspaceDir, writeFile } from './support/host';

type Api = PgvectorMigratorApi & { load: LoadApi };

const CREATE_NOTES = [
  '-- Migration: 0004_create_notes.sql',
  '-- Description: notes with small embeddings, to load data into',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: test',
  '-- Date: 2026-01-06',
  '',
  '-- UP Migration',
  'BEGIN;',
  'CREATE TABLE notes (id bigint NOT NULL, title text NOT NULL, embedding vector(3));',
  'COMMIT;',
  '',
  '-- DOWN Migration',
  'BEGIN;',
  'DROP TABLE notes;',
  'COMMIT;',
  '',
].join('\n');

const BIG_ROWS = 50000;

describe('Load Data into Table… on the embedded database', function () {
  this.timeout(240000);
  let api: Api;
  const added: string[] = [];

  before(async () => {
    api = (await extensionApi()) as Api;
    await startFresh(api);
    added.push(writeFile(migrationPath('0004_create_notes.sql'), CREATE_NOTES));
    await run('pgvectorMigrator.refresh');
    const applied = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(applied.status, 'done', applied.message);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await run('pgvectorMigrator.rollBackToHere', { version: '0' });
    for (const f of added) fs.rmSync(f, { force: true });
    // The loads' checkpoints outlive the table; the next suite expects the database as it found it.
    await api.releaseDatabase();
    const db = await openEmbedded(workspaceDir(), 'extension-host test');
    try {
      await db.execute('DROP TABLE IF EXISTS pgvector_migrator_loads');
    } finally {
      await db.close();
    }
    await run('pgvectorMigrator.refresh');
  });

  async function notes(): Promise<{ rows: number; ids: number }> {
    await api.releaseDatabase();
    const db = await openEmbedded(workspaceDir(), 'extension-host test');
    try {
      const r = await db.query<{ rows: number; ids: number }>('SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids FROM notes');
      return r.rows[0];
    } finally {
      await db.close();
    }
  }

  it('is offered on the applied migration that creates the table', async () => {
    const item = (await items(api)).get('0004_create_notes.sql')!;
    assert.match(item.contextValue!, /\bcreatesTable\b/);
    const chunks = (await items(api)).get('0001_enable_pgvector.sql')!;
    assert.doesNotMatch(chunks.contextValue!, /\bcreatesTable\b/);
  });

  it('shows the column mapping and the first bad rows before loading, loads the rest, and opens the rejects file at the rejected line', async () => {
    const file = added[added.push(writeFile(path.join(workspaceDir(), 'notes.csv'), 'id,title,embedding\n1,a,"[1,2,3]"\n2,b,"[1,2]"\n3,c,"[3,2,1]"\n')) - 1];
    added.push(`${file}.rejects`);
    const outcome = await run<LoadDataOutcome>('pgvectorMigrator.loadData', { file: 'notes.csv', table: 'notes', answer: 'Load Valid Rows' });
    assert.strictEqual(outcome.status, 'rejected', outcome.message);
    assert.deepStrictEqual(outcome.preview!.columns, [{ name: 'id', type: 'bigint' }, { name: 'title', type: 'text' }, { name: 'embedding', type: 'vector(3)' }]);
    assert.deepStrictEqual(outcome.preview!.rejections, [{ line: 3, reason: 'embedding has 2 dimensions, the column is vector(3)' }]);
    assert.deepStrictEqual([outcome.summary!.rowsLoaded, outcome.summary!.rowsRejected], [2, 1]);
    assert.strictEqual(outcome.message, 'Loaded 2 rows into public.notes; 1 rejected (see notes.csv.rejects).');
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.fsPath, `${file}.rejects`);
    assert.strictEqual(editor.document.lineAt(editor.selection.active.line).text, 'line 3: embedding has 2 dimensions, the column is vector(3)');
    assert.deepStrictEqual(await notes(), { rows: 2, ids: 2 });
  });

  it('stops at Cancel with the committed batches kept and says how to go on; Resume loads every row once', async () => {
    let csv = 'id,title,embedding\n';
    for (let i = 100; i < 100 + BIG_ROWS; i++) csv += `${i},t,"[${i},1,1]"\n`;
    added.push(writeFile(path.join(workspaceDir(), 'big.csv'), csv));
    const running = run<LoadDataOutcome>('pgvectorMigrator.loadData', { file: 'big.csv', table: 'notes', answer: 'Load', batchRows: 100 });
    // Polled often: a batch of 100 rows commits in milliseconds. A wait, bounded, not a timing check.
    for (let i = 0; (api.load.lastProgress()?.rowsLoaded ?? 0) < 100; i++) {
      if (i > 6000) throw new Error('no batch was committed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.strictEqual(api.cancelRunning(), true);
    const cancelled = await running;
    assert.strictEqual(cancelled.status, 'cancelled', cancelled.message);
    assert.match(cancelled.message, /^Loading big\.csv was cancelled: \d+ rows committed \(through line \d+\)\. Run Load Data into Table… again and choose Resume to go on\.$/);
    const kept = cancelled.summary!.rowsLoaded;
    assert.ok(kept > 0 && kept < BIG_ROWS && kept % 100 === 0, `whole batches only: ${kept}`);
    assert.deepStrictEqual(await notes(), { rows: 2 + kept, ids: 2 + kept });

    const resumed = await run<LoadDataOutcome>('pgvectorMigrator.loadData', { file: 'big.csv', table: 'notes', answer: 'Resume', batchRows: 2000 });
    assert.strictEqual(resumed.status, 'done', resumed.message);
    assert.deepStrictEqual(resumed.preview!.interrupted, { rowsLoaded: kept, committedThroughLine: kept + 1 });
    assert.strictEqual(resumed.summary!.rowsLoaded, BIG_ROWS - kept);
    assert.deepStrictEqual(await notes(), { rows: 2 + BIG_ROWS, ids: 2 + BIG_ROWS });
  });
});
