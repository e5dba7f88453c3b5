/**
 * The Migrations view's welcome content, as a newcomer meets it: "Create pgvector-migrator.json"
 * with no config, "Create first migration" with no migrations, and the embedded-database hint
 * while no server connection is selected. package.json's viewsWelcome picks the content with
 * `when` clauses on context keys that the extension sets; the tests follow the keys through the
 * file watcher as files disappear, evaluate those clauses as VS Code does, and run each welcome
 * button's command. Runs last (files run in name order) and puts the quickstart back afterwards.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import { EXTENSION_ID, extensionApi, migrationPath, migrationsDir, QUICKSTART, REPO_ROOT, run, startFresh, states, until, workspaceDir, workspaceUri } from './support/host';

interface WelcomeEntry {
  view: string;
  contents: string;
  when: string;
}

const VIEW = 'pgvectorMigrator.migrations';

function welcomeEntries(): WelcomeEntry[] {
  const json = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { viewsWelcome: WelcomeEntry[] } };
  return json.contributes.viewsWelcome.filter((e) => e.view === VIEW);
}

/**
 * A `when` clause of the forms viewsWelcome uses (`a && !b && n > 0`), evaluated as VS Code does;
 * any other form fails the test rather than being guessed at.
 */
function holds(when: string, context: Record<string, boolean | number>): boolean {
  return when.split('&&').map((c) => c.trim()).every((clause) => {
    const compare = /^([\w.]+) (==|>) (\d+)$/.exec(clause);
    if (compare) {
      const value = Number(context[compare[1]] ?? 0);
      return compare[2] === '==' ? value === Number(compare[3]) : value > Number(compare[3]);
    }
    const key = /^(!?)([\w.]+)$/.exec(clause);
    if (!key) throw new Error(`cannot evaluate the when clause "${clause}"`);
    return !!context[key[2]] !== (key[1] === '!');
  });
}

/** The context keys that viewsWelcome reads, beside VS Code's own. */
function keysReadByViewsWelcome(): string[] {
  const keys = welcomeEntries().flatMap((e) => e.when.match(/pgvectorMigrator\.\w+/g) ?? []);
  return [...new Set(keys)].sort();
}

/** The welcome content the view shows now, each by its button's label: what the user can click. */
function shownWelcome(api: PgvectorMigratorApi): string[] {
  const context = { ...api.contextKeys(), workspaceFolderCount: vscode.workspace.workspaceFolders?.length ?? 0 };
  return welcomeEntries().filter((e) => holds(e.when, context)).map((e) => /\[([^\]]+)\]\(command:/.exec(e.contents)?.[1] ?? e.contents);
}

/** Waits for the file watcher (or a command) to bring the context keys to `expected`. */
async function keysBecome(api: PgvectorMigratorApi, expected: Record<string, boolean>, what: string): Promise<void> {
  const matches = () => Object.entries(expected).every(([k, v]) => api.contextKeys()[`pgvectorMigrator.${k}`] === v);
  await until(api, what, () => (matches() ? true : undefined));
}

/** A local port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('the welcome content of the Migrations view', function () {
  this.timeout(120000);
  let api: PgvectorMigratorApi;
  let configFile: string;
  let originalConfig: string;

  before(async () => {
    api = await extensionApi();
    await startFresh(api);
    configFile = path.join(workspaceDir(), 'pgvector-migrator.json');
    originalConfig = fs.readFileSync(configFile, 'utf8');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('pgvectorMigrator').update('connections', undefined, vscode.ConfigurationTarget.Global);
    await run('pgvectorMigrator.selectConnection', { kind: 'embedded' });
    fs.writeFileSync(configFile, originalConfig);
    fs.rmSync(migrationsDir(), { recursive: true, force: true });
    fs.cpSync(path.join(REPO_ROOT, 'examples', 'quickstart', 'db', 'migrations'), migrationsDir(), { recursive: true });
    await run('pgvectorMigrator.refresh');
    await keysBecome(api, { hasProject: true, hasMigrations: true }, 'the quickstart to be back');
  });

  it('sets exactly the context keys that viewsWelcome reads', () => {
    assert.deepStrictEqual(Object.keys(api.contextKeys()).sort(), keysReadByViewsWelcome());
  });

  it('shows no welcome content while the view lists the quickstart\'s migrations', async () => {
    assert.deepStrictEqual(api.contextKeys(), { 'pgvectorMigrator.hasProject': true, 'pgvectorMigrator.hasMigrations': true, 'pgvectorMigrator.usingEmbedded': true });
    assert.deepStrictEqual(shownWelcome(api), []);
    assert.strictEqual((await api.treeItems()).length, QUICKSTART.length);
  });

  it('offers "Create first migration" and the embedded-database hint once the migrations folder is deleted in a terminal', async () => {
    // One event, for the folder: none for the files in it.
    fs.rmSync(migrationsDir(), { recursive: true });
    await keysBecome(api, { hasProject: true, hasMigrations: false }, 'the file watcher to see the migrations gone');
    // An empty tree is what lets VS Code show the welcome content.
    assert.deepStrictEqual(await api.treeItems(), []);
    assert.deepStrictEqual(shownWelcome(api), ['Create first migration', 'Select Connection']);
    const hint = welcomeEntries().find((e) => e.contents.includes('Select Connection'))!;
    assert.match(hint.contents, /^Using the embedded database \(PGlite with pgvector, in \.pgvector-migrator\/db\): nothing to set up\./);
  });

  it('drops the embedded-database hint while a server connection is selected', async () => {
    const settings = vscode.workspace.getConfiguration('pgvectorMigrator');
    await settings.update('connections', [{ name: 'staging', host: '127.0.0.1', port: await closedPort(), database: 'app', user: 'app' }], vscode.ConfigurationTarget.Global);
    assert.strictEqual(await run('pgvectorMigrator.selectConnection', { name: 'staging' }), 'staging');
    await keysBecome(api, { usingEmbedded: false }, 'the connection to be the server');
    assert.deepStrictEqual(shownWelcome(api), ['Create first migration']);
    await run('pgvectorMigrator.selectConnection', { kind: 'embedded' });
    await keysBecome(api, { usingEmbedded: true }, 'the connection to be the embedded database again');
    assert.deepStrictEqual(shownWelcome(api), ['Create first migration', 'Select Connection']);
  });

  it('offers "Create pgvector-migrator.json" once the config is deleted', async () => {
    fs.rmSync(configFile);
    await keysBecome(api, { hasProject: false }, 'the file watcher to see the config gone');
    assert.deepStrictEqual(await api.treeItems(), []);
    assert.deepStrictEqual(shownWelcome(api), ['Create pgvector-migrator.json']);
  });

  it('"Create pgvector-migrator.json" writes a starting config, opens it, and the view then offers the first migration', async () => {
    const file = await run<string | undefined>('pgvectorMigrator.createConfig', { folder: workspaceDir() });
    assert.strictEqual(file, configFile);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(configFile, 'utf8')), {
      migrationsDir: 'db/migrations',
      postgresVersion: 16,
      pgvectorVersion: '0.8.0',
      embedding: { dimensions: 1536, distance: 'cosine' },
    });
    assert.deepStrictEqual(fs.readdirSync(migrationsDir()), []);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), workspaceUri(configFile).toString());
    await keysBecome(api, { hasProject: true, hasMigrations: false }, 'the project to be found');
    assert.deepStrictEqual(await api.treeItems(), []);
    assert.deepStrictEqual(shownWelcome(api), ['Create first migration', 'Select Connection']);
  });

  it('"Create first migration" writes 0001 from the template, opens it in its UP section, and the view lists it pending', async () => {
    const files = await run<string[]>('pgvectorMigrator.newMigration', { name: 'enable pgvector' });
    assert.deepStrictEqual(files, [migrationPath('0001_enable_pgvector.sql')]);
    const text = fs.readFileSync(files[0], 'utf8');
    assert.match(text, /^-- Migration: 0001_enable_pgvector\.sql\n/);
    assert.match(text, /^-- Dependencies: none$/m);
    const lines = text.split('\n');
    const up = lines.findIndex((l) => /^-- UP Migration/.test(l));
    const down = lines.findIndex((l) => /^-- DOWN Migration/.test(l));
    assert.ok(up >= 0 && down > up, 'an UP section, then a DOWN section');
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), workspaceUri(files[0]).toString());
    const cursor = editor.selection.active.line;
    assert.ok(cursor > up && cursor < down, `the cursor (line ${cursor}) is in the UP section (lines ${up}-${down})`);
    await keysBecome(api, { hasProject: true, hasMigrations: true }, 'the view to have a migration');
    assert.deepStrictEqual(shownWelcome(api), []);
    assert.deepStrictEqual(await states(api), ['0001 pending']);
  });

  it('lists the migrations a branch brings back when git replaces the migrations folder', async () => {
    fs.rmSync(migrationsDir(), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'examples', 'quickstart', 'db', 'migrations'), migrationsDir(), { recursive: true });
    await until(api, 'the view to list the quickstart again', async () => {
      const shown = await states(api);
      return shown.length === QUICKSTART.length ? shown : undefined;
    });
    assert.deepStrictEqual(await states(api), QUICKSTART.map((f) => `${f.slice(0, 4)} pending`));
    assert.deepStrictEqual(shownWelcome(api), []);
  });
});
