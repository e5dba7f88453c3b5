/**
 * Smoke test of the extension-host harness: runs inside the real VS Code extension host that
 * code-server starts (see scripts/run-extension-tests.mjs).
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { ENV } from './runner';

describe('extension host (smoke)', () => {
  it('runs inside VS Code 1.100.x', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('has the opened folder as its workspace folder', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'one workspace folder');
    const expected = process.env[ENV.workspace];
    assert.ok(expected, `${ENV.workspace} is set by the runner`);
    // In code-server the folder is a vscode-remote URI; its path is the path on this machine.
    assert.strictEqual(path.resolve(folders[0].uri.fsPath), path.resolve(expected));
  });

  it('sees the workspace trust the runner asked for', () => {
    const trust = process.env[ENV.trust] ?? 'disabled';
    assert.strictEqual(vscode.workspace.isTrusted, trust !== 'untrusted');
  });
});
