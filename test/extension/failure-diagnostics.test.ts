/**
 * A migration that fails: its transaction rolls back, the item shows it failed, and an error
 * diagnostic sits on the failing statement with the server's message and SQLSTATE, until the file
 * is fixed and the migration applies.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import type { ActionOutcome } from '../../src/extension/commands/outcome';
import { extensionApi, items, migrationPath, run, startFresh, states, until, workspaceDir, workspaceUri, writeFile } from './support/host';

const BROKEN = [
  '-- Migration: 0004_tag_chunks.sql',
  '-- Description: tags for chunks',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: test',
  '-- Date: 2026-01-06',
  '',
  '-- UP Migration',
  'BEGIN;',
  'CREATE TABLE chunk_tags (chunk_id bigint NOT NULL, tag text NOT NULL);',
  'INSERT INTO chunk_tag_names (name)',
  "    VALUES ('draft');",
  'COMMIT;',
  '',
  '-- DOWN Migration',
  'DROP TABLE chunk_tags;',
  '',
].join('\n');
/** 0-based line of the failing INSERT, as VS Code counts. */
const FAILING_LINE = 9;

describe('a migration that fails', function () {
  this.timeout(180000);
  let api: PgvectorMigratorApi;
  let file: string;
  const diagnostics = () => vscode.languages.getDiagnostics(workspaceUri(file)).filter((d) => d.source?.startsWith('pgvector Migrator'));

  before(async () => {
    api = await extensionApi();
    await startFresh(api);
    file = writeFile(migrationPath('0004_tag_chunks.sql'), BROKEN);
    await run('pgvectorMigrator.refresh');
  });
  after(async () => {
    await startFresh(api);
  });

  it('stops Apply pending at the failing migration, keeping the ones before it applied', async () => {
    const outcome = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(outcome.status, 'failed');
    assert.deepStrictEqual(outcome.completed, ['0001', '0002', '0003']);
    assert.strictEqual(outcome.failure?.file, file);
    assert.strictEqual(outcome.failure?.line, FAILING_LINE + 1);
    assert.strictEqual(outcome.failure?.sqlstate, '42P01');
    assert.match(outcome.message, /relation "chunk_tag_names" does not exist/);
    assert.match(outcome.message, new RegExp(`^0004_tag_chunks\\.sql failed at statement \\d+ of UP: .* \\(line ${FAILING_LINE + 1}\\)\\.`), 'the notification names the file and the line');
  });

  it('shows the failed migration as failed, with the line, although its transaction rolled back', async () => {
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied', '0004 failed']);
    const item = (await items(api)).get('0004_tag_chunks.sql')!;
    assert.strictEqual(item.icon, 'error');
    assert.strictEqual(item.description, `failed (apply, line ${FAILING_LINE + 1})`);
    assert.match(item.contextValue!, /\bapplyUpTo\b/);
  });

  it('puts an error diagnostic on the failing statement with the server\'s message and SQLSTATE', () => {
    const found = diagnostics();
    assert.strictEqual(found.length, 1);
    const d = found[0];
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.range.start.line, FAILING_LINE);
    assert.strictEqual(d.range.start.character, 0);
    assert.strictEqual(d.range.end.line, FAILING_LINE + 1);
    assert.strictEqual(d.code, '42P01');
    assert.match(d.message, /relation "chunk_tag_names" does not exist/);
    assert.match(d.message, /SQLSTATE 42P01/);
  });

  it('logs the failure with its location', () => {
    const log = api.logLines().join('\n');
    assert.match(log, /\[error\] error: 0004_tag_chunks\.sql failed at statement \d+ of UP: relation "chunk_tag_names" does not exist \[SQLSTATE 42P01\]/);
    assert.match(log, /--> db\/migrations\/0004_tag_chunks\.sql:10:\d+/);
  });

  it('left nothing of the failed migration in the database', async () => {
    await api.releaseDatabase();
    const { openEmbedded } = await import('../../src/core/db/embedded');
    const db = await openEmbedded(workspaceDir(), 'extension-host test');
    try {
      const r = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'chunk_tags'`);
      assert.strictEqual(r.rows.length, 0);
    } finally {
      await db.close();
    }
  });

  it('drops the diagnostic and the failed state once the file is fixed, and applies it', async () => {
    fs.writeFileSync(file, BROKEN.replace("INSERT INTO chunk_tag_names (name)\n    VALUES ('draft');", "INSERT INTO chunk_tags VALUES (1, 'draft');"));
    await until(api, 'the diagnostic to go', () => (diagnostics().length === 0 ? true : undefined));
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied', '0004 pending']);
    const outcome = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.deepStrictEqual(outcome.completed, ['0004']);
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied', '0004 applied']);
  });
});
