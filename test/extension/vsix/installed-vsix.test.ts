/**
 * What a newcomer gets: the packaged VSIX installed into VS Code, the quickstart opened, "Apply
 * pending" clicked, every item applied on the embedded database, with no configuration.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../../src/extension/commands/outcome';
import { EXTENSION_ID, extensionApi, recordMeasurement, REPO_ROOT, run, states } from '../support/host';

describe('the packaged VSIX', function () {
  this.timeout(180000);

  it('is installed as a user installs it, not loaded from the repository', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'installed');
    assert.ok(!path.resolve(ext.extensionPath).startsWith(REPO_ROOT + path.sep), ext.extensionPath);
  });

  it('carries the bundle with the parser\'s and PGlite\'s runtime files, the icons and the schema', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    for (const f of ['dist/extension.js', 'dist/libpg-query.wasm', 'dist/pglite.wasm', 'dist/pglite.data', 'dist/initdb.wasm', 'dist/vector.tar.gz',
      'dist/pgvector-migrator.schema.json', 'media/pgvector-migrator.svg', 'media/icon.png']) {
      assert.ok(fs.existsSync(path.join(root, f)), `${f} is in the VSIX`);
    }
    // vsce stores these as readme.md, LICENSE.txt and changelog.md.
    const top = fs.readdirSync(root).map((f) => f.toLowerCase());
    for (const f of ['readme.md', 'license.txt', 'changelog.md']) assert.ok(top.includes(f), `${f} is in the VSIX`);
    assert.ok(!fs.existsSync(path.join(root, 'dist', 'cli.js')), 'no CLI bundle');
    assert.ok(!fs.readdirSync(path.join(root, 'dist')).some((f) => f.endsWith('.map')), 'no source maps');
    assert.ok(!fs.existsSync(path.join(root, 'node_modules')), 'no node_modules');
    assert.ok(!fs.existsSync(path.join(root, 'src')), 'no sources');
  });

  it('activates in the quickstart without loading a database driver', async () => {
    const api = await extensionApi();
    assert.deepStrictEqual(api.heavyModulesLoaded(), []);
    recordMeasurement('vsixActivationMs', Number(api.activationMs.toFixed(1)));
    recordMeasurement('vsixActivationBreakdown', { evaluateMs: Number(api.activation.evaluateMs.toFixed(1)), activateMs: Number(api.activation.activateMs.toFixed(1)) });
  });

  it('applies every quickstart migration on the embedded database with "Apply pending"', async () => {
    const api = await extensionApi();
    assert.deepStrictEqual(await states(api), ['0001 pending', '0002 pending', '0003 pending']);
    const outcome = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied']);
    await api.releaseDatabase();
  });
});
