/**
 * Lint in the editor, as a user meets it: open a migration whose embedding column has the wrong
 * dimensions, see the squiggle, read the hover, apply the quick fix, format the file. Runs on the
 * harness' copy of examples/quickstart (embedding.dimensions 1536); needs no database.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, migrationPath, workspaceDir, workspaceUri, writeFile } from './support/host';

const HEADER = [
  '-- Migration: 0004_add_notes.sql',
  '-- Description: Notes with their own embeddings.',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: lint test',
  '-- Date: 2026-01-06',
  '',
].join('\n');

const NOTES = `${HEADER}
-- UP Migration
BEGIN;
CREATE TABLE IF NOT EXISTS notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    embedding vector(768) NOT NULL
);
COMMIT;

-- DOWN Migration
BEGIN;
DROP TABLE IF EXISTS notes;
COMMIT;
`;

const RULE = 'vector-dimension-mismatch';

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

function ours(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pgvector Migrator' && (!rule || codeOf(d) === rule));
}

/** Waits until the diagnostics of `uri` satisfy `probe`, re-checking on every change: a wait, not a timing check. */
async function diagnosticsUntil(uri: vscode.Uri, what: string, probe: (all: vscode.Diagnostic[]) => boolean, timeoutMs = 60000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = ours(uri);
    if (probe(now)) return now;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify(now.map((d) => `${codeOf(d)} ${d.message}`))}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString())) done();
      });
      const timer = setTimeout(done, 500);
      function done() {
        sub.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('lint in the editor', function () {
  this.timeout(120000);
  const notesFile = () => migrationPath('0004_add_notes.sql');
  const added: string[] = [];
  let uri: vscode.Uri;

  before(async () => {
    await extensionApi();
    added.push(writeFile(notesFile(), NOTES));
    uri = workspaceUri(notesFile());
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && added.includes(doc.uri.fsPath)) await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of added) fs.rmSync(f, { force: true });
  });

  it('shows a vector(768) column as an error at the exact range, coded with the rule and linked to its docs', async () => {
    const [d] = await diagnosticsUntil(uri, RULE, (all) => all.some((x) => codeOf(x) === RULE)).then((all) => all.filter((x) => codeOf(x) === RULE));
    assert.deepStrictEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [10, 14, 10, 25]);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.getText(d.range), 'vector(768)');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /^embedding is vector\(768\) but the project's embeddings are 1536-dimensional \(pgvector-migrator.json\) and chunks.embedding is vector\(1536\)$/);
    assert.ok(typeof d.code === 'object' && /docs\/rules\/vector-dimension-mismatch\.md$/.test(d.code.target.path), `code links to the rule's page: ${JSON.stringify(d.code)}`);
  });

  it('explains the finding in a hover: message, checklist item, why it matters, the fix and the docs example', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(10, 18));
    const text = hoverText(hovers);
    assert.ok(text.includes("embedding is vector(768) but the project's embeddings are 1536-dimensional"), text);
    assert.ok(text.includes('checklist item 4: vector dimensions consistent'), text);
    assert.ok(text.includes('**Why it matters.** pgvector rejects a value whose dimension count differs'), text);
    assert.ok(text.includes('Quick fix: *Change to vector(1536)*'), text);
    assert.ok(text.includes('The quick fix changes the dimension to the configured one.'), 'the docs page, read from the extension, offline');
  });

  it('offers the fix as the preferred quick fix and a disable-next-line comment beside it', async () => {
    const [d] = ours(uri, RULE);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    // The command returns converted actions, without their diagnostics: tell ours by title.
    const mine = actions.filter((a) => a.title.includes('vector(1536)') || a.title.includes(RULE));
    assert.deepStrictEqual(mine.map((a) => [a.title, a.kind?.value, !!a.isPreferred]), [
      ['Change to vector(1536)', 'quickfix', true],
      [`Disable ${RULE} for this line`, 'quickfix', false],
    ]);
  });

  it('applying the quick fix writes vector(1536), and the diagnostic goes away', async () => {
    const [d] = ours(uri, RULE);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find((a) => a.title === 'Change to vector(1536)');
    assert.ok(fix?.edit, 'the fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.ok(doc.getText().includes('    embedding vector(1536) NOT NULL\n'), doc.getText());
    await diagnosticsUntil(uri, `${RULE} to go away`, (all) => !all.some((x) => codeOf(x) === RULE));
  });

  it('re-checks unsaved text as you type', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const at = editor.document.getText().indexOf('1536)');
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 4)), '512'));
    assert.ok(editor.document.isDirty, 'not saved');
    const [d] = await diagnosticsUntil(uri, `${RULE} on vector(512)`, (all) => all.some((x) => codeOf(x) === RULE)).then((all) => all.filter((x) => codeOf(x) === RULE));
    assert.strictEqual(editor.document.getText(d.range), 'vector(512)');
    await vscode.commands.executeCommand('undo');
    await diagnosticsUntil(uri, `${RULE} to go away after undo`, (all) => !all.some((x) => codeOf(x) === RULE));
  });

  it('applying the disable-next-line quick fix silences the finding with a comment above its line', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const at = editor.document.getText().indexOf('1536)');
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 4)), '768'));
    const [d] = await diagnosticsUntil(uri, RULE, (all) => all.some((x) => codeOf(x) === RULE)).then((all) => all.filter((x) => codeOf(x) === RULE));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const disable = actions.find((a) => a.title === `Disable ${RULE} for this line`);
    assert.ok(disable?.edit);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.ok(editor.document.getText().includes(`    -- pgvector-migrator-disable-next-line ${RULE}\n    embedding vector(768) NOT NULL`));
    await diagnosticsUntil(uri, `${RULE} to be silenced`, (all) => !all.some((x) => codeOf(x) === RULE));
  });

  it('formats the document statement by statement, keeping the header and the markers', async () => {
    const file = writeFile(migrationPath('0005_sloppy.sql'), `${HEADER.replace('0004_add_notes', '0005_sloppy')}\n-- UP Migration\nBEGIN;\nalter table   chunks add column   title text;\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nalter table chunks drop column   title;\nCOMMIT;\n`);
    added.push(file);
    const doc = await vscode.workspace.openTextDocument(workspaceUri(file));
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
    assert.ok(edits && edits.length > 0, 'the formatter has edits');
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = doc.getText();
    assert.ok(text.startsWith(HEADER.replace('0004_add_notes', '0005_sloppy')), text);
    assert.ok(text.includes('\n-- UP Migration\nBEGIN;\nalter table chunks\nadd column title text;\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nalter table chunks\ndrop column title;\nCOMMIT;\n'), text);
    await doc.save();
  });

  it('leaves SQL files outside the migrations directory alone', async () => {
    const outside = writeFile(path.join(workspaceDir(), 'queries', 'scratch.sql'), 'CREATE TABLE scratch (embedding vector(768));\n');
    added.push(outside);
    const outsideUri = workspaceUri(outside);
    await vscode.workspace.openTextDocument(outsideUri);
    // A migration opened afterwards is linted: by then the scratch file has had its chance.
    const later = writeFile(migrationPath('0006_later.sql'), `${HEADER.replace('0004_add_notes', '0006_later')}\n-- UP Migration\nCREATE TABLE IF NOT EXISTS later (embedding vector(768));\n`);
    added.push(later);
    const laterUri = workspaceUri(later);
    await vscode.workspace.openTextDocument(laterUri);
    await diagnosticsUntil(laterUri, `${RULE} in the later migration`, (all) => all.some((x) => codeOf(x) === RULE));
    assert.deepStrictEqual(ours(outsideUri), []);
  });
});
