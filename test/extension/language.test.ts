/**
 * Language features in the editor, from the schema the migration history builds, with no
 * database: completion, go to definition, references, hover, outline, workspace symbols and
 * rename, through the commands VS Code's own UI calls; completion, definition and hover in the
 * SQL blocks of the architecture spec too. Runs on the harness' copy of examples/quickstart
 * (0003 creates chunks with embedding vector(1536); docs/ARCHITECTURE_V2.md is its spec).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, migrationPath, workspaceDir, workspaceUri, writeFile } from './support/host';

const FEATURES = `-- Migration: 0004_add_summary.sql
-- Description: A summary per chunk.
-- Dependencies: 0003_create_chunks.sql
-- Author: language test
-- Date: 2026-01-06

-- UP Migration
BEGIN;
ALTER TABLE chunks ADD COLUMN summary text;
COMMIT;

-- DOWN Migration
BEGIN;
ALTER TABLE chunks DROP COLUMN summary;
COMMIT;
`;

/** The position just after the first occurrence of `text` (or `delta` characters into it). */
function positionOf(doc: vscode.TextDocument, text: string, delta = text.length): vscode.Position {
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `${text} is in ${doc.uri.fsPath}`);
  return doc.positionAt(at + delta);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('language features from the migration history', function () {
  this.timeout(120000);
  const file = () => migrationPath('0004_add_summary.sql');
  const added: string[] = [];
  let doc: vscode.TextDocument;

  before(async () => {
    await extensionApi();
    added.push(writeFile(file(), FEATURES));
    doc = await vscode.workspace.openTextDocument(workspaceUri(file()));
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of added) fs.rmSync(f, { force: true });
  });

  async function complete(line: string): Promise<vscode.CompletionItem[]> {
    const editor = await vscode.window.showTextDocument(doc);
    const at = positionOf(doc, 'ADD COLUMN summary text;');
    await editor.edit((b) => b.insert(at, `\n${line}`));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, line));
      return list.items.filter((i) => typeof i.detail === 'string' && i.detail.length > 0);
    } finally {
      await vscode.commands.executeCommand('undo');
    }
  }

  it('completes the columns of chunks after ALTER TABLE chunks ALTER COLUMN, with where each was defined', async () => {
    const items = await complete('ALTER TABLE chunks ALTER COLUMN ');
    const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepStrictEqual(labels.filter((l) => ['id', 'embedding', 'summary', 'content'].includes(l)), ['id', 'content', 'embedding', 'summary']);
    assert.strictEqual(items.find((i) => i.label === 'embedding')?.detail, 'chunks.embedding vector(1536) — 0003_create_chunks.sql:14');
  });

  it('offers the project dimensions first for a new column type', async () => {
    const items = await complete('ALTER TABLE chunks ADD COLUMN small ');
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.strictEqual(sorted[0].label, 'vector(1536)');
  });

  it('counts the unsaved text of another open migration', async () => {
    const other = await vscode.workspace.openTextDocument(workspaceUri(migrationPath('0003_create_chunks.sql')));
    const editor = await vscode.window.showTextDocument(other);
    await editor.edit((b) => b.insert(positionOf(other, 'WITH (m = 16, ef_construction = 64);'), '\nALTER TABLE chunks ADD COLUMN draft_note text;'));
    try {
      assert.ok(other.isDirty, 'not saved');
      const labels = (await complete('ALTER TABLE chunks DROP COLUMN ')).map((i) => i.label);
      assert.ok(labels.includes('draft_note'), JSON.stringify(labels));
    } finally {
      await vscode.window.showTextDocument(other);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('goes from chunks to the CREATE TABLE of 0003', async () => {
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, 'ALTER TABLE chunks ADD', 14));
    assert.strictEqual(found.length, 1);
    const loc = found[0] as vscode.Location;
    assert.strictEqual(path.basename(loc.uri.fsPath), '0003_create_chunks.sql');
    assert.deepStrictEqual([loc.range.start.line, loc.range.start.character], [8, 27]);
  });

  it('finds every reference of summary in version order, UP then DOWN', async () => {
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, positionOf(doc, 'summary text', 2));
    assert.deepStrictEqual(refs.map((r) => `${path.basename(r.uri.fsPath)}:${r.range.start.line + 1}`), ['0004_add_summary.sql:9', '0004_add_summary.sql:14']);
  });

  it('shows chunks as the history stands in the hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'ALTER TABLE chunks DROP', 14));
    const text = hoverText(hovers);
    assert.ok(text.includes('**table chunks** — created 0003_create_chunks.sql:9'), text);
    assert.ok(text.includes('| summary | text |  | 0004_add_summary.sql:9 |'), text);
    assert.ok(text.includes('chunks_embedding_hnsw_idx: hnsw (embedding vector_cosine_ops)'), text);
  });

  it('outlines the UP and DOWN sections with the column each statement changes', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const ours = symbols.filter((s) => s.name === 'UP' || s.name === 'DOWN');
    assert.deepStrictEqual(ours.map((s) => `${s.name}: ${s.children.map((c) => `${c.name}(${c.children.map((g) => g.name).join(',')})`).join(' ')}`), ['UP: chunks(summary)', 'DOWN: chunks(summary)']);
  });

  it('finds the HNSW index among the workspace symbols', async () => {
    const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'chunks_embedding');
    const index = found.find((s) => s.name === 'chunks_embedding_hnsw_idx');
    assert.ok(index, JSON.stringify(found.map((s) => s.name)));
    assert.strictEqual(path.basename(index.location.uri.fsPath), '0003_create_chunks.sql');
  });

  it('renames a column of the pending migration in its UP and DOWN', async () => {
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, positionOf(doc, 'summary text', 2), 'abstract');
    const changes = edit.entries().flatMap(([uri, edits]) => edits.map((e) => `${path.basename(uri.fsPath)}:${e.range.start.line + 1} ${e.newText}`));
    assert.deepStrictEqual(changes, ['0004_add_summary.sql:9 abstract', '0004_add_summary.sql:14 abstract']);
  });

  describe('in the SQL blocks of the architecture spec', () => {
    let spec: vscode.TextDocument;

    before(async () => {
      spec = await vscode.workspace.openTextDocument(workspaceUri(path.join(workspaceDir(), 'docs', 'ARCHITECTURE_V2.md')));
      await vscode.window.showTextDocument(spec);
    });

    it('completes the columns of chunks as the whole history leaves them, with unsaved prose above the block', async () => {
      const editor = await vscode.window.showTextDocument(spec);
      // The offsets must be the editor's text's, not the disk's.
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'A draft note.\n\n'));
      try {
        const at = positionOf(spec, 'SELECT id, document_id, content', 'SELECT '.length);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', spec.uri, at);
        const ours = list.items.filter((i) => typeof i.detail === 'string' && i.detail.includes(' — '));
        const labels = ours.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.ok(labels.includes('summary'), `the pending 0004's column is offered: ${labels.join(', ')}`);
        assert.strictEqual(ours.find((i) => i.label === 'embedding')?.detail, 'chunks.embedding vector(1536) — 0003_create_chunks.sql:14');
      } finally {
        await vscode.commands.executeCommand('undo');
      }
    });

    it('goes from a column of a query pattern to the migration that created it', async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', spec.uri, positionOf(spec, 'ORDER BY embedding', 10));
      assert.deepStrictEqual(found.map((l) => `${path.basename((l as vscode.Location).uri.fsPath)}:${(l as vscode.Location).range.start.line + 1}`), ['0003_create_chunks.sql:14']);
    });

    it('shows chunks as the last migration leaves it in the hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', spec.uri, positionOf(spec, 'FROM chunks\nORDER', 6));
      const text = hoverText(hovers);
      assert.ok(text.includes('| summary | text |  | 0004_add_summary.sql:9 |'), text);
    });

    it('answers nothing in the prose of the spec', async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', spec.uri, positionOf(spec, 'split into chunks', 12));
      assert.deepStrictEqual(found, []);
    });
  });
});
