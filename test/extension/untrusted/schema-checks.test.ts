/**
 * In Restricted Mode the schema checks are database actions like Apply: Check Against Architecture
 * and Verify Rollbacks are refused, and saving a migration starts no background check. The scratch
 * database (PGlite) and the schema core are never loaded.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi } from '../../../src/extension/test-api';
import type { SchemaApi } from '../../../src/extension/schema/register';
import type { CheckOutcome } from '../../../src/extension/schema/architecture-checks';
import type { VerifySummary } from '../../../src/extension/schema/rollback-tests';
import { extensionApi, migrationPath, run, workspaceDir, workspaceUri } from '../support/host';

type Api = PgvectorMigratorApi & { schema: SchemaApi };

const CHUNKS = '0003_create_chunks.sql';
const SCHEMA_SOURCE = 'pgvector Migrator (schema)';

describe('schema checks in Restricted Mode', function () {
  this.timeout(60000);
  let api: Api;
  let original: string;

  before(async () => {
    api = (await extensionApi()) as Api;
    original = fs.readFileSync(migrationPath(CHUNKS), 'utf8');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(migrationPath(CHUNKS), original);
  });

  const calls: [string, string, () => unknown][] = [
    ['Check Against Architecture', 'from the palette', () => undefined],
    ['Check Against Architecture', 'for a named project', () => ({ project: workspaceDir() })],
    ['Verify Rollbacks', 'from the palette', () => undefined],
    ['Verify Rollbacks', 'for a named project', () => ({ project: workspaceDir() })],
  ];
  for (const [title, how, arg] of calls) {
    it(`refuses ${title} ${how}, saying that the workspace is not trusted`, async () => {
      const command = title === 'Verify Rollbacks' ? 'pgvectorMigrator.verifyRollbacks' : 'pgvectorMigrator.checkArchitecture';
      const outcome = await run<CheckOutcome | VerifySummary>(command, arg());
      assert.strictEqual(outcome.status, 'refused', outcome.message);
      assert.match(outcome.message, new RegExp(`^${title} needs a trusted workspace: in Restricted Mode pgvector Migrator does not connect to databases\\.$`));
      assert.ok(api.logLines().some((l) => l.includes(`${title} needs a trusted workspace`)), 'the refusal is in the log');
    });
  }

  it('shows no result of a check or a rollback verification after refusing them', () => {
    assert.strictEqual(api.schema.lastCheck(), undefined);
    assert.strictEqual(api.schema.verifyResults(), undefined);
    assert.ok(vscode.languages.getDiagnostics().every(([, ds]) => ds.every((d) => d.source !== SCHEMA_SOURCE)));
  });

  it('starts no background check when a migration is saved', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(migrationPath(CHUNKS)));
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), '-- saved in Restricted Mode\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The extension's save listener was registered at activation, so it has run by the time ours does.
    const saved = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.toString() !== doc.uri.toString()) return;
        sub.dispose();
        resolve();
      });
    });
    assert.ok(await doc.save(), 'the migration was saved');
    await saved;
    assert.match(fs.readFileSync(migrationPath(CHUNKS), 'utf8'), /-- saved in Restricted Mode\n$/);
    assert.strictEqual(api.schema.busy(), false, 'no check is running or waiting for its debounce');
    assert.strictEqual(api.schema.lastCheck(), undefined);
    assert.deepStrictEqual(api.schema.diagnostics(migrationPath(CHUNKS)), []);
  });

  it('never started the scratch database nor loaded PGlite, the schema core or a database driver', () => {
    assert.strictEqual(api.schema.isScratchOpen(), false);
    const loaded = api.heavyModulesLoaded();
    assert.ok(!loaded.some((m) => /schema checks|database drivers/.test(m)), loaded.join(', '));
    assert.strictEqual(api.isDatabaseOpen(), false);
  });
});
