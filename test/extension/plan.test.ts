/**
 * The deployment plan in the editor, on the embedded database: a CodeLens above each pending
 * migration's UP marker summarises its plan; Show Plan (a view item, the editor title, the lens)
 * opens the plan as a Markdown preview; one command plans the whole pending set.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/extension/commands/outcome';
import type { ShowPlanOutcome } from '../../src/extension/plan/show-plan';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import { extensionApi, migrationPath, run, startFresh, until, workspaceUri, writeFile } from './support/host';

const REWRITE = [
  '-- Migration: 0004_add_chunk_score.sql',
  '-- Description: a per-row random score, which rewrites chunks',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: test',
  '-- Date: 2026-01-06',
  '',
  '-- UP Migration',
  'ALTER TABLE chunks ADD COLUMN score double precision DEFAULT random();',
  '',
  '-- DOWN Migration',
  'ALTER TABLE chunks DROP COLUMN score;',
  '',
].join('\n');

async function lensesOf(api: PgvectorMigratorApi, file: string): Promise<{ line: number; title: string; command?: string; args?: unknown[] }[]> {
  const uri = workspaceUri(migrationPath(file));
  await vscode.workspace.openTextDocument(uri);
  return until(api, `the CodeLenses of ${file}`, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const ours = (lenses ?? []).filter((l) => l.command?.command === 'pgvectorMigrator.showPlan');
    return ours.length > 0 ? ours.map((l) => ({ line: l.range.start.line + 1, title: l.command!.title, command: l.command?.command, args: l.command?.arguments })) : undefined;
  });
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
}

describe('the deployment plan in the editor', function () {
  this.timeout(300000);
  let api: PgvectorMigratorApi;

  before(async () => {
    api = await extensionApi();
    await startFresh(api);
  });
  after(async () => {
    // All at once: closing one preview can make the other Tab objects stale.
    await vscode.window.tabGroups.close(previewTabs()).then(undefined, () => undefined);
    await startFresh(api);
  });

  it('puts a CodeLens above the UP marker of each pending migration with its locks, work and estimate', async () => {
    const first = await lensesOf(api, '0001_enable_pgvector.sql');
    assert.deepStrictEqual(first.map((l) => [l.line, l.title, (l.args?.[0] as { version?: string }).version]), [[7, 'no table lock · catalog only · <10 ms', '0001']]);
    const chunks = await lensesOf(api, '0003_create_chunks.sql');
    assert.deepStrictEqual(chunks.map((l) => [l.line, l.title]), [[7, 'SHARE ROW EXCLUSIVE on documents · index build · <10 ms']]);
  });

  it('Show Plan on a pending migration opens its plan (everything up to it) as a Markdown preview', async () => {
    const outcome = await run<ShowPlanOutcome>('pgvectorMigrator.showPlan', { version: '0002' });
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.match(outcome.markdown ?? '', /^\| file:line \| statement \| locks \| rewrite\/scan \| estimate \| risk \|$/m);
    assert.match(outcome.markdown ?? '', /^\| db\/migrations\/0002_create_documents\.sql:9 \| `CREATE TABLE IF NOT EXISTS documents/m);
    assert.doesNotMatch(outcome.markdown ?? '', /0003_create_chunks/);
    await until(api, 'the Markdown preview of the plan', () => (previewTabs().some((t) => /plan up to 0002/.test(t.label)) ? true : undefined));
  });

  it('Show Plan from the editor title plans the file it is shown for', async () => {
    const outcome = await run<ShowPlanOutcome>('pgvectorMigrator.showPlan', workspaceUri(migrationPath('0003_create_chunks.sql')));
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.match(outcome.markdown ?? '', /0003_create_chunks\.sql:18 \| `CREATE INDEX IF NOT EXISTS chunks_embedding_hnsw_idx/);
    assert.match(outcome.uri ?? '', /plan%20up%20to%200003\.md$/);
  });

  it('plans the whole pending set with one command, ending with the procedure', async () => {
    const outcome = await run<ShowPlanOutcome>('pgvectorMigrator.showPendingPlan');
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.match(outcome.message, /^Plan of 3 migration\(s\): /);
    for (const file of ['0001_enable_pgvector', '0002_create_documents', '0003_create_chunks']) assert.match(outcome.markdown ?? '', new RegExp(`Apply ${file}\\.sql: in one transaction`));
    assert.match(outcome.markdown ?? '', /pgvector-migrator down --to 0/);
  });

  it('summarises a rewrite of an existing table once the earlier migrations are applied', async () => {
    const applied = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(applied.status, 'done', applied.message);
    writeFile(migrationPath('0004_add_chunk_score.sql'), REWRITE);
    await run('pgvectorMigrator.refresh');
    const lenses = await lensesOf(api, '0004_add_chunk_score.sql');
    assert.deepStrictEqual(lenses.map((l) => [l.line, l.title]), [[7, 'ACCESS EXCLUSIVE on chunks · rewrite · <10 ms']]);
    const applied0003 = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri(migrationPath('0003_create_chunks.sql')));
    assert.deepStrictEqual((applied0003 ?? []).filter((l) => l.command?.command === 'pgvectorMigrator.showPlan'), [], 'an applied migration has no lens');
  });
});
