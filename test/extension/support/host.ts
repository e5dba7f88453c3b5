/**
 * What the extension-host suites share: the extension's API, the opened workspace folder, files in
 * it, waiting for the view to change, and the CLI and embedded database seen from outside.
 */
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi, TreeItemSnapshot } from '../../../src/extension/test-api';
import { ENV } from '../runner';

export const EXTENSION_ID = 'pgvector-migrator.pgvector-migrator';
/** out/test/extension/support -> the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export async function extensionApi(): Promise<PgvectorMigratorApi> {
  const ext = vscode.extensions.getExtension<PgvectorMigratorApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  return ext.activate();
}

/** The folder the harness opened: a copy of examples/quickstart, never the repository's own. */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a folder is open');
  const dir = folder.uri.fsPath;
  const relative = path.relative(REPO_ROOT, dir);
  if (!relative.startsWith('..') && relative.startsWith('examples')) {
    throw new Error(`refusing to change ${dir}: open a copy (node scripts/test-extension.mjs --prepare prints one)`);
  }
  return dir;
}

/** The folder of a multi-root workspace with this name (the folder's own name, as the view shows it). */
export function folderDir(name: string): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(folder, `a workspace folder named ${name} is open`);
  return folder.uri.fsPath;
}

export function migrationsDir(): string {
  return path.join(workspaceDir(), 'db', 'migrations');
}

export function migrationPath(fileName: string): string {
  return path.join(migrationsDir(), fileName);
}

/** The URI VS Code uses for a file of the workspace (vscode-remote: in code-server). */
export function workspaceUri(absPath: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders!;
  const folder = folders.find((f) => !path.relative(f.uri.fsPath, absPath).startsWith('..')) ?? folders[0];
  return vscode.Uri.joinPath(folder.uri, path.relative(folder.uri.fsPath, absPath).split(path.sep).join('/'));
}

/** Runs a contributed command and returns what its handler returned. */
export function run<T>(command: string, ...args: unknown[]): Promise<T> {
  return vscode.commands.executeCommand<T>(command, ...args) as Promise<T>;
}

/**
 * Waits until `probe` returns a value, re-checking whenever the extension says its view changed
 * (and every half second besides). Fails with `what` after `timeoutMs`: a wait, not a timing check.
 */
export async function until<T>(api: PgvectorMigratorApi, what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise<void>((resolve) => {
      const sub = api.onDidChange(() => { sub.dispose(); clearTimeout(timer); resolve(); });
      const timer = setTimeout(() => { sub.dispose(); resolve(); }, 500);
    });
  }
}

/** The migration items of the view (top level with one project), as label -> item. */
export async function items(api: PgvectorMigratorApi): Promise<Map<string, TreeItemSnapshot>> {
  const all = await api.treeItems();
  return new Map(all.filter((i) => /^migration\b/.test(i.contextValue ?? '')).map((i) => [i.label, i]));
}

/** "0001 applied", "0002 pending", ... in view order: what the user reads down the list. */
export async function states(api: PgvectorMigratorApi): Promise<string[]> {
  return [...(await items(api)).values()].map((i) => `${i.label.slice(0, 4)} ${(/state-(\w+)/.exec(i.contextValue ?? '') ?? [])[1]}`);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The project's CLI, built to dist/cli.js, run in the workspace (or `cwd`) without any connection settings. */
export function cli(args: string[], cwd = workspaceDir()): Promise<CliResult> {
  const env = { ...process.env };
  for (const v of ['DATABASE_URL', 'PGHOST', 'PGHOSTADDR', 'PGDATABASE', 'PGSERVICE', 'PGPORT', 'PGUSER']) delete env[v];
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), ...args], { cwd, env, timeout: 120000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function embeddedLockFile(): string {
  return path.join(workspaceDir(), '.pgvector-migrator', 'db.lock');
}

/** Writes a file the test adds to the workspace, to be removed by the suite's cleanup. */
export function writeFile(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Records a measurement beside the harness' results file, for scripts/test-extension.mjs to print. */
export function recordMeasurement(name: string, value: unknown): void {
  const results = process.env[ENV.resultsFile];
  if (!results) return;
  const file = path.join(path.dirname(results), 'measurements.json');
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // first measurement of this run
  }
  all[name] = value;
  fs.writeFileSync(file, JSON.stringify(all, null, 2));
}

/** The migrations the quickstart example ships with. */
export const QUICKSTART = ['0001_enable_pgvector.sql', '0002_create_documents.sql', '0003_create_chunks.sql'];

/**
 * Puts the workspace back to the quickstart as a newcomer finds it: only its three files, the
 * embedded database selected, nothing applied. Each suite starts from here.
 */
export async function startFresh(api: PgvectorMigratorApi): Promise<void> {
  await run('pgvectorMigrator.selectConnection', { kind: 'embedded' });
  await run('pgvectorMigrator.refresh');
  // Roll back while every file is still there (a DOWN section needs its file), then remove extras.
  const outcome = await run<{ status: string; message: string }>('pgvectorMigrator.rollBackToHere', { version: '0' });
  assert.ok(outcome.status === 'done' || outcome.status === 'nothing', outcome.message);
  for (const name of fs.readdirSync(migrationsDir())) {
    if (!QUICKSTART.includes(name)) fs.rmSync(path.join(migrationsDir(), name), { force: true });
  }
  await run('pgvectorMigrator.refresh');
  assert.deepStrictEqual(await states(api), QUICKSTART.map((f) => `${f.slice(0, 4)} pending`));
}
