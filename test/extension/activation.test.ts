/**
 * Activation stays cheap: the database drivers, PGlite and the SQL parser load on the first
 * database action, not when the extension activates. Runs first (files run in name order).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SchemaApi } from '../../src/extension/schema/register';
import { EXTENSION_ID, extensionApi, recordMeasurement } from './support/host';

describe('activation', () => {
  it('activates in this workspace because it holds pgvector-migrator.json', async () => {
    const api = await extensionApi();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(Number.isFinite(api.activationMs));
    recordMeasurement('activationMs', Number(api.activationMs.toFixed(1)));
    recordMeasurement('activationBreakdown', { evaluateMs: Number(api.activation.evaluateMs.toFixed(1)), activateMs: Number(api.activation.activateMs.toFixed(1)) });
  });

  it('loads no database driver, PGlite or parser before the first database action', async () => {
    const api = (await extensionApi()) as Awaited<ReturnType<typeof extensionApi>> & { schema: SchemaApi };
    // Every lazy part counts here: drivers, the schema checks' scratch PGlite, lint, format, validate.
    assert.deepStrictEqual(api.heavyModulesLoaded(), []);
    assert.strictEqual(api.isDatabaseOpen(), false);
    assert.strictEqual(api.schema.isScratchOpen(), false);
  });

  it('measures loading the whole bundle from disk, as a cold start does', () => {
    // A copy under another name, so Node compiles and evaluates it afresh; activate() is not called.
    const bundle = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'extension.js');
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bundle-')), 'extension.js');
    fs.copyFileSync(bundle, copy);
    try {
      const started = performance.now();
      const loaded = require(copy) as { activate?: unknown };
      const loadMs = performance.now() - started;
      assert.strictEqual(typeof loaded.activate, 'function');
      recordMeasurement('bundleLoadMs', Number(loadMs.toFixed(1)));
    } finally {
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  });
});
