/**
 * Several embedding models in the editor: a column of another model's size offers "Declare this
 * column as model X", which edits pgvector-migrator.json; the column's hover names its model; a
 * migration whose `-- Requires:` is false shows as waiting in the Migrations view.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, items, migrationPath, run, startFresh, workspaceDir, workspaceUri, writeFile } from './support/host';

const NOTES = `-- Migration: 0004_add_local_notes.sql
-- Description: Notes embedded with a local model.
-- Dependencies: 0003_create_chunks.sql
-- Author: embedding models test
-- Date: 2026-01-06

-- UP Migration
BEGIN;
CREATE TABLE IF NOT EXISTS notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    local_embedding vector(384) NOT NULL
);
COMMIT;

-- DOWN Migration
BEGIN;
DROP TABLE IF EXISTS notes;
COMMIT;
`;

function mismatches(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pgvector Migrator' && (typeof d.code === 'object' ? String(d.code.value) : String(d.code)) === 'vector-dimension-mismatch');
}

/** Waits for the linter to settle on `probe` (a wait, not a timing check). */
async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('several embedding models in the editor', function () {
  this.timeout(120000);
  const configFile = () => path.join(workspaceDir(), 'pgvector-migrator.json');
  let originalConfig: string;
  let uri: vscode.Uri;
  const added: string[] = [];

  before(async () => {
    await extensionApi();
    originalConfig = fs.readFileSync(configFile(), 'utf8');
    const config = JSON.parse(originalConfig);
    delete config.embedding;
    config.embeddings = { 'openai-3-small': { dimensions: 1536, columns: ['*.embedding'] }, minilm: { dimensions: 384 } };
    fs.writeFileSync(configFile(), JSON.stringify(config, null, 2) + '\n');
    added.push(writeFile(migrationPath('0004_add_local_notes.sql'), NOTES));
    uri = workspaceUri(added[0]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(configFile(), originalConfig);
    for (const f of added) fs.rmSync(f, { force: true });
  });

  it('offers "Declare this column as model minilm" beside "Change to vector(1536)", and applying it claims the column in the config', async () => {
    const [d] = await until('the 384 column reported against the default model', () => { const m = mismatches(uri); return m.length === 1 && m; });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Change to vector(1536)'), titles.join(' | '));
    const declare = actions.find((a) => a.title === 'Declare this column as model minilm');
    assert.ok(declare?.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(declare.edit));
    const configDoc = await vscode.workspace.openTextDocument(workspaceUri(configFile()));
    await configDoc.save();
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(configFile(), 'utf8')).embeddings.minilm.columns, ['notes.local_embedding']);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await until('the finding gone once the config claims the column', () => mismatches(uri).length === 0);
  });

  it('names the model in the hover of the vector column', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(NOTES.indexOf('local_embedding vector') + 4);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(shown.includes('model minilm, 384 dims, cosine'), shown);
  });

  it('shows a migration whose Requires is false as waiting in the Migrations view', async () => {
    const api = await extensionApi();
    await startFresh(api);
    const waitingFile = writeFile(migrationPath('0005_waits.sql'), NOTES.replace('0004_add_local_notes.sql', '0005_waits.sql')
      .replace('-- Date: 2026-01-06', '-- Date: 2026-01-06\n-- Requires: SELECT false AS backfill_done')
      .replace(/notes/g, 'waiting_notes'));
    added.push(waitingFile);
    await run('pgvectorMigrator.refresh');
    const item = (await items(api)).get('0005_waits.sql');
    assert.strictEqual(item?.description, 'waiting (Requires answered false)');
    assert.strictEqual(item?.icon, 'watch');
    assert.match(item?.contextValue ?? '', /\bwaiting\b/);
  });
});
