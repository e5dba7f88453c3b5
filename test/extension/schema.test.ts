/**
 * Schema truth in the editor, on the quickstart whose docs/ARCHITECTURE_V2.md matches its
 * migrations: Check Against Architecture finds nothing; saving the spec with chunks.embedding
 * as vector(768) (and a query that orders by the wrong distance) runs the check in the background
 * and puts architecture-drift on the migration that creates the column and query-pattern-unindexed
 * on the spec, with the plan in its hover; saving the spec as it was clears them. Verify Rollbacks
 * lists one test per migration and fails the one whose DOWN forgets an index, with the difference
 * as its message. Everything runs in the warm scratch database, never the project's.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import type { SchemaApi } from '../../src/extension/schema/register';
import type { CheckOutcome } from '../../src/extension/schema/architecture-checks';
import type { VerifySummary } from '../../src/extension/schema/rollback-tests';
import { extensionApi, migrationPath, QUICKSTART, run, startFresh, until, workspaceDir, workspaceUri, writeFile } from './support/host';

type Api = PgvectorMigratorApi & { schema: SchemaApi };

/** The machine may be busy: a cold scratch database and a check can take a while there. */
const WAIT_MS = 240000;
const SOURCE = 'pgvector Migrator (schema)';
const CHUNKS = '0003_create_chunks.sql';

/** A migration whose DOWN drops the column UP adds but forgets the index UP creates. */
const FORGETS_INDEX = [
  '-- Migration: 0004_index_titles.sql',
  '-- Description: a language column and an index on titles; the DOWN forgets the index',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: test',
  '-- Date: 2026-01-06',
  '',
  '-- UP Migration',
  'BEGIN;',
  'ALTER TABLE documents ADD COLUMN language text;',
  'CREATE INDEX IF NOT EXISTS documents_title_idx ON documents (title);',
  'COMMIT;',
  '',
  '-- DOWN Migration',
  'BEGIN;',
  'ALTER TABLE documents DROP COLUMN language;',
  'COMMIT;',
  '',
].join('\n');

function specPath(): string {
  return path.join(workspaceDir(), 'docs', 'ARCHITECTURE_V2.md');
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** The schema entries of the Problems panel on a file, optionally of one rule. */
function problems(file: string, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(workspaceUri(file)).filter((d) => d.source === SOURCE && (!rule || codeOf(d) === rule));
}

/** 0-based line of `file` that matches `pattern`. */
function lineOf(file: string, pattern: RegExp): number {
  const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => pattern.test(l));
  assert.ok(line >= 0, `${path.basename(file)} has a line matching ${pattern}`);
  return line;
}

/** Replaces `from` by `to` in the spec's editor and saves it, as a user does. */
async function editSpecAndSave(replacements: [string, string][]): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(specPath()));
  await vscode.window.showTextDocument(doc);
  const edit = new vscode.WorkspaceEdit();
  const text = doc.getText();
  for (const [from, to] of replacements) {
    const at = text.indexOf(from);
    assert.ok(at >= 0, `the spec holds ${from}`);
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  }
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await doc.save(), 'the spec was saved');
}

/** Hover texts at a position, as the editor would show them. */
async function hoverText(file: string, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workspaceUri(file), position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n');
}

describe('schema truth in the editor', function () {
  this.timeout(900000);
  let api: Api;
  let originalSpec: string;

  before(async () => {
    api = (await extensionApi()) as Api;
    await startFresh(api);
    originalSpec = fs.readFileSync(specPath(), 'utf8');
    // Saves by earlier suites may have started a background check.
    await api.schema.idle();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(specPath(), originalSpec);
    fs.rmSync(migrationPath('0004_index_titles.sql'), { force: true });
    await run('pgvectorMigrator.refresh');
    await api.schema.idle();
  });

  it('finds nothing when the migrations build the schema the architecture spec describes', async () => {
    const outcome = await run<CheckOutcome>('pgvectorMigrator.checkArchitecture');
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.deepStrictEqual(outcome.findings?.map((f) => `${path.basename(f.file)}:${f.line}: ${f.message}`), []);
    assert.match(outcome.message, /build the schema docs\/ARCHITECTURE_V2\.md describes/);
    assert.deepStrictEqual(problems(migrationPath(CHUNKS)), []);
    assert.deepStrictEqual(problems(specPath()), []);
    assert.ok(api.schema.isScratchOpen(), 'the scratch database stays warm for the next check');
    assert.ok(api.heavyModulesLoaded().includes('schema checks (PGlite, SQL parser)'), 'the first check loaded PGlite and the parser');
  });

  describe('after the spec is changed and saved', () => {
    before(async () => {
      // Two saves in a row, as a user fixing one thing then another: the check that counts is
      // the one of the last save (an earlier one still running is cancelled, a burst makes one).
      await editSpecAndSave([['    embedding vector(1536) NOT NULL,', '    embedding vector(768) NOT NULL,']]);
      await editSpecAndSave([['ORDER BY embedding <=> $1', 'ORDER BY embedding <-> $1']]);
      await until(api, 'the on-save check to report both changes', async () => {
        await api.schema.idle();
        const both = problems(migrationPath(CHUNKS), 'architecture-drift').length > 0 && problems(specPath(), 'query-pattern-unindexed').length > 0;
        return both ? true : undefined;
      }, WAIT_MS);
    });

    it('reports architecture-drift on the column of the migration that creates chunks.embedding', () => {
      const found = problems(migrationPath(CHUNKS), 'architecture-drift');
      assert.strictEqual(found.length, 1, found.map((d) => d.message).join('\n'));
      const d = found[0];
      const line = lineOf(migrationPath(CHUNKS), /^\s*embedding vector\(1536\)/);
      assert.deepStrictEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [line, 4, line, 13]);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, /^column chunks\.embedding differs from the spec: vector\(1536\) has 1536 dimensions, the spec says 768 .*\(spec: docs\/ARCHITECTURE_V2\.md:\d+\)$/);
      assert.ok(typeof d.code === 'object' && /docs\/rules\/architecture-drift\.md$/.test(d.code.target.path), `code links to the rule's page: ${JSON.stringify(d.code)}`);
      assert.strictEqual(api.schema.lastCheck()?.status, 'done');
    });

    it('reports the query that orders by another distance than the index serves as query-pattern-unindexed on the spec', () => {
      const found = problems(specPath(), 'query-pattern-unindexed');
      assert.strictEqual(found.length, 1, found.map((d) => d.message).join('\n'));
      assert.strictEqual(found[0].range.start.line, lineOf(specPath(), /^SELECT id, document_id, content$/));
      assert.strictEqual(found[0].severity, vscode.DiagnosticSeverity.Warning);
      assert.match(found[0].message, /the operator <-> does not match the index's vector_cosine_ops/);
    });

    it('shows the query plan in the hover of the unindexed query, with the rule and its checklist item', async () => {
      const [d] = problems(specPath(), 'query-pattern-unindexed');
      const text = await hoverText(specPath(), d.range.start.translate(0, 2));
      assert.match(text, /query-pattern-unindexed/);
      assert.match(text, /checklist item 5/);
      assert.match(text, /\*\*Query plan\*\*/);
      assert.match(text, /Limit\n\s+-> Sort \(Sort Key: embedding <-> \$1\)\n\s+-> Seq Scan on chunks/);
    });

    it('explains the drift in a hover on the migration', async () => {
      const [d] = problems(migrationPath(CHUNKS), 'architecture-drift');
      const text = await hoverText(migrationPath(CHUNKS), d.range.start.translate(0, 1));
      assert.match(text, /architecture-drift/);
      assert.match(text, /checklist item 1/);
      assert.match(text, /Why it matters/);
    });

    it('clears the findings when the spec is saved as it was', async () => {
      await editSpecAndSave([
        ['    embedding vector(768) NOT NULL,', '    embedding vector(1536) NOT NULL,'],
        ['ORDER BY embedding <-> $1', 'ORDER BY embedding <=> $1'],
      ]);
      await until(api, 'the on-save check to clear the findings', async () => {
        await api.schema.idle();
        return problems(migrationPath(CHUNKS)).length + problems(specPath()).length === 0 ? true : undefined;
      }, WAIT_MS);
      assert.deepStrictEqual(api.schema.lastCheck()?.findings, []);
    });
  });

  describe('Verify Rollbacks', () => {
    let summary: VerifySummary;

    before(async () => {
      writeFile(migrationPath('0004_index_titles.sql'), FORGETS_INDEX);
      // The test items follow the files on disk.
      await until(api, 'a test item for the new migration', () => {
        const labels = api.schema.testItems()[0]?.children.map((c) => c.label) ?? [];
        return labels.includes('0004_index_titles.sql') ? labels : undefined;
      }, WAIT_MS);
      summary = await run<VerifySummary>('pgvectorMigrator.verifyRollbacks');
    });

    it('lists one test per migration, in order, each at its DOWN marker', () => {
      const [project] = api.schema.testItems();
      assert.deepStrictEqual(project.children.map((c) => c.label), [...QUICKSTART, '0004_index_titles.sql']);
      for (const item of project.children) {
        assert.strictEqual(item.uri, workspaceUri(migrationPath(item.label)).toString());
        assert.strictEqual(item.line, lineOf(migrationPath(item.label), /^-- DOWN Migration$/));
      }
    });

    it('fails the migration whose DOWN forgets an index, with the difference as the message, and passes the others', () => {
      assert.strictEqual(summary.status, 'done', summary.message);
      assert.strictEqual(summary.message, 'Verify Rollbacks: 1 failed, 3 passed.');
      const results = api.schema.verifyResults();
      assert.ok(results, 'the results of the run');
      assert.deepStrictEqual(results.map((r) => `${r.label} ${r.status}`), [
        '0001_enable_pgvector.sql passed',
        '0002_create_documents.sql passed',
        '0003_create_chunks.sql passed',
        '0004_index_titles.sql failed',
      ]);
      const failed = results[3];
      assert.strictEqual(failed.message, 'DOWN leaves index documents_title_idx on documents behind (btree (title))');
      assert.deepStrictEqual(failed.location, { file: migrationPath('0004_index_titles.sql'), line: lineOf(migrationPath('0004_index_titles.sql'), /CREATE INDEX/) + 1 });
    });

    it('puts down-not-reverting in the Problems panel on the index the DOWN forgets', () => {
      const found = problems(migrationPath('0004_index_titles.sql'), 'down-not-reverting');
      assert.strictEqual(found.length, 1, found.map((d) => d.message).join('\n'));
      assert.strictEqual(found[0].range.start.line, lineOf(migrationPath('0004_index_titles.sql'), /CREATE INDEX/));
      assert.match(found[0].message, /UP creates it and DOWN does not drop it/);
    });

    it('drops the finding once the migration file changes, since the result no longer holds', async () => {
      writeFile(migrationPath('0004_index_titles.sql'), FORGETS_INDEX.replace('ALTER TABLE documents DROP COLUMN language;', 'DROP INDEX IF EXISTS documents_title_idx;\nALTER TABLE documents DROP COLUMN language;'));
      await until(api, 'the stale finding to go', () => (problems(migrationPath('0004_index_titles.sql')).length === 0 ? true : undefined), WAIT_MS);
    });
  });
});
