/**
 * A multi-root workspace (a .code-workspace file) of alpha and beta, two copies of the quickstart
 * with their own migrations (beta without 0003), and notes, a folder without pgvector-migrator.json:
 * the view has one top-level node per project folder, named after it, with that project's
 * migrations under it; a command given a project acts on that project only, each on its own
 * embedded database; the status bar sums the pending migrations of all.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi, TreeItemSnapshot } from '../../../src/extension/test-api';
import type { ActionOutcome } from '../../../src/extension/commands/outcome';
import { cli, extensionApi, folderDir, QUICKSTART, run, until, workspaceUri, writeFile } from '../support/host';

const BETA = QUICKSTART.slice(0, 2);

/** A migration only beta has. */
const TAGS = [
  '-- Migration: 0003_create_tags.sql',
  '-- Description: tags on documents',
  '-- Dependencies: 0002_create_documents.sql',
  '-- Author: test',
  '-- Date: 2026-01-06',
  '',
  '-- UP Migration',
  'BEGIN;',
  'CREATE TABLE tags (document_id bigint NOT NULL REFERENCES documents (id), tag text NOT NULL);',
  'COMMIT;',
  '',
  '-- DOWN Migration',
  'BEGIN;',
  'DROP TABLE tags;',
  'COMMIT;',
  '',
].join('\n');

/** The top-level nodes of the view, as label -> item. */
async function projects(api: PgvectorMigratorApi): Promise<Map<string, TreeItemSnapshot>> {
  return new Map((await api.treeItems()).map((i) => [i.label, i]));
}

/** "0001 applied", "0002 pending", ... under one project's node, in view order. */
async function statesOf(api: PgvectorMigratorApi, project: string): Promise<string[]> {
  const node = (await projects(api)).get(project);
  assert.ok(node, `a node for ${project}`);
  return node.children.map((i) => `${i.label.slice(0, 4)} ${(/state-(\w+)/.exec(i.contextValue ?? '') ?? [])[1] ?? i.contextValue}`);
}

const all = (files: string[], state: string) => files.map((f) => `${f.slice(0, 4)} ${state}`);

/** What the CLI says of a project's embedded database: version and state of each migration. */
async function cliStates(api: PgvectorMigratorApi, dir: string): Promise<string[]> {
  await api.releaseDatabase();
  const status = await cli(['status', '--format', 'json'], dir);
  assert.strictEqual(status.code, 0, status.stderr);
  return (JSON.parse(status.stdout) as { version: string; state: string }[]).map((r) => `${r.version} ${r.state}`);
}

describe('a multi-root workspace', function () {
  this.timeout(240000);
  let api: PgvectorMigratorApi;
  let alpha: string;
  let beta: string;
  let notes: string;

  before(async () => {
    api = await extensionApi();
    [alpha, beta, notes] = ['alpha', 'beta', 'notes'].map(folderDir);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.releaseDatabase();
  });

  it('opens a workspace file with three folders', () => {
    assert.match(vscode.workspace.workspaceFile?.path ?? '', /\/multiroot\.code-workspace$/);
    assert.deepStrictEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['alpha', 'beta', 'notes']);
  });

  it('shows one top-level node per folder that has a pgvector-migrator.json, named after the folder', async () => {
    const top = await projects(api);
    assert.deepStrictEqual([...top.keys()], ['alpha', 'beta']);
    for (const [name, node] of top) {
      assert.strictEqual(node.contextValue, 'project');
      assert.strictEqual(node.icon, 'database');
      assert.strictEqual(node.tooltip, path.join(folderDir(name), 'pgvector-migrator.json'));
    }
  });

  it('lists under each project its own migrations, each opening its own file', async () => {
    const top = await projects(api);
    assert.deepStrictEqual(top.get('alpha')!.children.map((i) => i.label), QUICKSTART);
    assert.deepStrictEqual(top.get('beta')!.children.map((i) => i.label), BETA);
    for (const [name, dir] of [['alpha', alpha], ['beta', beta]]) {
      for (const item of top.get(name)!.children) assert.strictEqual(item.opens, workspaceUri(path.join(dir, 'db', 'migrations', item.label)).toString());
    }
  });

  it('shows each project\'s pending count on its node and their sum in the status bar', async () => {
    await until(api, 'both histories to be read', async () => ((await statesOf(api, 'alpha')).concat(await statesOf(api, 'beta')).every((s) => s.endsWith(' pending')) ? true : undefined));
    const top = await projects(api);
    assert.deepStrictEqual([top.get('alpha')!.description, top.get('beta')!.description], ['3 pending', '2 pending']);
    assert.strictEqual(api.statusBarText(), '$(database) Embedded database · 5 pending');
  });

  it('Apply pending on one project applies that project\'s migrations only', async () => {
    const outcome = await run<ActionOutcome>('pgvectorMigrator.applyPending', { project: alpha });
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.deepStrictEqual(outcome.completed, ['0001', '0002', '0003']);
    assert.deepStrictEqual(await statesOf(api, 'alpha'), all(QUICKSTART, 'applied'));
    assert.deepStrictEqual(await statesOf(api, 'beta'), all(BETA, 'pending'));
    const top = await projects(api);
    assert.deepStrictEqual([top.get('alpha')!.description, top.get('beta')!.description], ['0 pending', '2 pending']);
    assert.strictEqual(api.statusBarText(), '$(database) Embedded database · 2 pending');
  });

  it('keeps each project\'s history in the embedded database beside its own config', async () => {
    assert.deepStrictEqual(await cliStates(api, alpha), all(QUICKSTART, 'applied'));
    assert.deepStrictEqual(await cliStates(api, beta), all(BETA, 'pending'));
  });

  it('Apply pending without a project (the view\'s title button) applies every project in turn', async () => {
    const outcome = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.deepStrictEqual(outcome.completed, ['0001', '0002']);
    assert.deepStrictEqual(await statesOf(api, 'beta'), all(BETA, 'applied'));
    assert.strictEqual(api.statusBarText(), '$(database) Embedded database · 0 pending');
  });

  it('Roll back on one project undoes that project\'s newest migration only', async () => {
    const outcome = await run<ActionOutcome>('pgvectorMigrator.rollBack', { project: beta });
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.deepStrictEqual(outcome.completed, ['0002']);
    assert.deepStrictEqual(await statesOf(api, 'beta'), ['0001 applied', '0002 pending']);
    assert.deepStrictEqual(await statesOf(api, 'alpha'), all(QUICKSTART, 'applied'));
    assert.strictEqual(api.statusBarText(), '$(database) Embedded database · 1 pending');
  });

  it('shows a migration added to one project under that project only', async () => {
    writeFile(path.join(beta, 'db', 'migrations', '0003_create_tags.sql'), TAGS);
    await until(api, 'beta to list 0003_create_tags.sql', async () => ((await projects(api)).get('beta')!.children.some((i) => i.label === '0003_create_tags.sql') ? true : undefined));
    const top = await projects(api);
    assert.deepStrictEqual(top.get('beta')!.children.map((i) => i.label), [...BETA, '0003_create_tags.sql']);
    assert.deepStrictEqual(top.get('alpha')!.children.map((i) => i.label), QUICKSTART);
    assert.strictEqual(api.statusBarText(), '$(database) Embedded database · 2 pending');
  });

  it('adds a node for a folder once it gets a pgvector-migrator.json, saying it has no migrations yet', async () => {
    const file = await run<string | undefined>('pgvectorMigrator.createConfig', { folder: notes });
    assert.strictEqual(file, path.join(notes, 'pgvector-migrator.json'));
    const top = await projects(api);
    assert.deepStrictEqual([...top.keys()], ['alpha', 'beta', 'notes']);
    assert.deepStrictEqual(top.get('notes')!.children.map((i) => `${i.contextValue}: ${i.label}`), ['message: No migrations yet']);
    // notes/scratch.sql sits beside the config, not in db/migrations: not a migration.
    assert.ok(fs.existsSync(path.join(notes, 'scratch.sql')));
  });

  it('New Migration given a project creates the file in that project', async () => {
    const files = await run<string[]>('pgvectorMigrator.newMigration', { project: notes, name: 'enable pgvector' });
    assert.deepStrictEqual(files, [path.join(notes, 'db', 'migrations', '0001_enable_pgvector.sql')]);
    await until(api, 'notes to list its migration', async () => ((await statesOf(api, 'notes')).length === 1 ? true : undefined));
    assert.deepStrictEqual(await statesOf(api, 'notes'), ['0001 pending']);
    assert.deepStrictEqual((await projects(api)).get('beta')!.children.map((i) => i.label), [...BETA, '0003_create_tags.sql']);
  });
});
