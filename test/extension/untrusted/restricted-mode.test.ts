/**
 * In Restricted Mode the view lists the files but nothing connects to a database: applying, rolling
 * back and adding a connection are refused, and the embedded database is never even created.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../../src/extension/commands/outcome';
import { extensionApi, items, QUICKSTART, run, workspaceDir } from '../support/host';

describe('in Restricted Mode', function () {
  this.timeout(60000);

  it('runs in a workspace that is not trusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('lists the migration files with their state unknown', async () => {
    const api = await extensionApi();
    const list = await items(api);
    assert.deepStrictEqual([...list.keys()], QUICKSTART);
    for (const item of list.values()) {
      assert.strictEqual(item.description, 'status unknown (Restricted Mode)');
      assert.doesNotMatch(item.contextValue!, /\bapplyUpTo\b|\brollBack/);
    }
  });

  for (const [command, args] of [['pgvectorMigrator.applyPending', undefined], ['pgvectorMigrator.rollBack', undefined], ['pgvectorMigrator.applyUpToHere', { version: '0002' }], ['pgvectorMigrator.loadData', { file: 'notes.csv', table: 'notes' }]] as const) {
    it(`refuses ${command.split('.')[1]}, saying that the workspace is not trusted`, async () => {
      const outcome = await run<ActionOutcome>(command, args);
      assert.strictEqual(outcome.status, 'refused');
      assert.match(outcome.message, /needs a trusted workspace/);
    });
  }

  it('refuses to test and save a connection', async () => {
    assert.strictEqual(await run('pgvectorMigrator.addConnection', { name: 'x', host: '127.0.0.1', port: 5432 }), undefined);
  });

  it('never opened a database: no driver loaded, no embedded database created', async () => {
    const api = await extensionApi();
    assert.deepStrictEqual(api.heavyModulesLoaded(), []);
    assert.strictEqual(api.isDatabaseOpen(), false);
    assert.strictEqual(fs.existsSync(path.join(workspaceDir(), '.pgvector-migrator', 'db')), false);
  });
});
