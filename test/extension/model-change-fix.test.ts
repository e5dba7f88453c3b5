/**
 * The quick fix of vector-type-change-in-place in the editor: an in-place ALTER to a bigger model
 * offers "Write the expand/contract migrations for model X instead", which writes the scaffold's
 * migrations, takes the statement out of the open migration and opens the expand migration.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, migrationPath, workspaceDir, workspaceUri, writeFile } from './support/host';

const BIGGER_MODEL = `-- Migration: 0004_bigger_model.sql
-- Description: Moves chunks to the large model, in place.
-- Dependencies: 0003_create_chunks.sql
-- Author: model change test
-- Date: 2026-01-06

-- UP Migration
BEGIN;
ALTER TABLE chunks ALTER COLUMN embedding TYPE halfvec(3072);
COMMIT;

-- DOWN Migration
BEGIN;
ALTER TABLE chunks ALTER COLUMN embedding TYPE vector(1536);
COMMIT;
`;

const TITLE = 'Write the expand/contract migrations for model openai-3-large instead';

function inPlaceFindings(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pgvector Migrator' && (typeof d.code === 'object' ? String(d.code.value) : String(d.code)) === 'vector-type-change-in-place');
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

describe('the quick fix of an embedding model changed in place', function () {
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
    config.embeddings = { 'openai-3-small': { dimensions: 1536, columns: ['*.embedding'] }, 'openai-3-large': { dimensions: 3072 } };
    fs.writeFileSync(configFile(), JSON.stringify(config, null, 2) + '\n');
    added.push(writeFile(migrationPath('0004_bigger_model.sql'), BIGGER_MODEL));
    uri = workspaceUri(added[0]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    // The statement's deletion is an unsaved edit: revert it, so later suites see the file as written.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(configFile(), originalConfig);
    for (const f of added) fs.rmSync(f, { force: true });
  });

  it('writes the expand/contract migrations, takes the in-place ALTER out and opens the expand migration', async () => {
    const [d] = await until('the in-place ALTER reported', () => { const f = inPlaceFindings(uri); return f.length === 1 && f; });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find((a) => a.title === TITLE);
    assert.ok(fix?.command, actions.map((a) => a.title).join(' | '));
    const files = await vscode.commands.executeCommand<string[]>(fix.command.command, ...(fix.command.arguments ?? []));
    added.push(...files);
    assert.deepStrictEqual(files.map((f) => path.basename(f)), [
      '0005_expand_chunks_embedding_to_openai_3_large.sql', '0006_index_chunks_embedding_openai_3_large.sql',
      '0007_contract_chunks_embedding_to_openai_3_large.sql', '0008_drop_chunks_embedding_previous.sql',
    ]);
    const expand = fs.readFileSync(files[0], 'utf8');
    assert.match(expand, /^ALTER TABLE chunks ADD COLUMN embedding_openai_3_large halfvec\(3072\);$/m);
    assert.match(expand, /\(vector\(1536\) -> halfvec\(3072\)\)/);
    assert.match(fs.readFileSync(files[1], 'utf8'), /USING hnsw \(embedding_openai_3_large halfvec_cosine_ops\)/);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.ok(!doc.getText().includes('TYPE halfvec(3072)'), doc.getText());
    assert.match(doc.getText(), /^BEGIN;\nCOMMIT;\n\n-- DOWN Migration/m);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, files[0]);
  });
});
