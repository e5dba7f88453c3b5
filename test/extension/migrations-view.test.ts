/**
 * The newcomer's path on the embedded database, with no configuration: open the quickstart, see
 * the migrations, Apply pending, roll back, and find in the database (and the CLI) what the view
 * says.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import type { ActionOutcome } from '../../src/extension/commands/outcome';
import { openEmbedded } from '../../src/core/db/embedded';
import { cli, embeddedLockFile, EXTENSION_ID, extensionApi, items, migrationPath, QUICKSTART, run, startFresh, states, until, workspaceDir, workspaceUri, writeFile } from './support/host';

describe('the Migrations view on the embedded database', function () {
  this.timeout(180000);
  let api: PgvectorMigratorApi;
  const added: string[] = [];

  before(async () => {
    api = await extensionApi();
    await startFresh(api);
  });
  after(async () => {
    for (const f of added) fs.rmSync(f, { force: true });
    await run('pgvectorMigrator.refresh');
  });

  it('lists the quickstart migrations in version order, with their header in the tooltip', async () => {
    const list = await items(api);
    assert.deepStrictEqual([...list.keys()], QUICKSTART);
    const chunks = list.get('0003_create_chunks.sql')!;
    const tooltip = (chunks.tooltip ?? '').replace(/\\/g, '');
    assert.match(tooltip, /Description: Chunks of documents with their 1536-dimensional embeddings/);
    assert.match(tooltip, /Dependencies: 0002_create_documents.sql/);
    assert.match(tooltip, /Author: pgvector Migrator quickstart/);
    assert.match(tooltip, /Date: 2026-01-05/);
    assert.strictEqual(chunks.opens, workspaceUri(migrationPath('0003_create_chunks.sql')).toString());
  });

  it('shows every migration pending, with "Apply up to here" offered, once it has read the history', async () => {
    assert.deepStrictEqual(await states(api), ['0001 pending', '0002 pending', '0003 pending']);
    const list = [...(await items(api)).values()];
    assert.ok(list.every((i) => i.description === 'pending' && i.icon === 'circle-large-outline'));
    assert.ok(list.every((i) => /\bapplyUpTo\b/.test(i.contextValue!) && !/\brollBack\b/.test(i.contextValue!)));
  });

  it('Apply pending applies every migration and shows each applied with its date', async () => {
    const outcome = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.deepStrictEqual(outcome.completed, ['0001', '0002', '0003']);
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 applied']);
    const today = new Date();
    const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    for (const item of (await items(api)).values()) {
      assert.ok(item.description?.startsWith(`applied ${date}`), item.description);
      assert.strictEqual(item.icon, 'pass-filled');
    }
  });

  it('writes every executed statement and the result to the log', () => {
    const log = api.logLines().join('\n');
    assert.match(log, /0001_enable_pgvector\.sql:\d+: CREATE EXTENSION IF NOT EXISTS vector/);
    assert.match(log, /0003_create_chunks\.sql:\d+: CREATE INDEX IF NOT EXISTS chunks_embedding_hnsw_idx/);
    assert.match(log, /3 migration\(s\) applied on Embedded database/);
  });

  it('shows the connection and the pending count in the status bar', () => {
    assert.strictEqual(api.statusBarText(), '$(database) Embedded database · 0 pending');
  });

  it('offers "Roll back" on the newest applied migration only, and "Roll back to here" below it', async () => {
    const ctx = [...(await items(api)).values()].map((i) => i.contextValue!);
    assert.deepStrictEqual(ctx.map((c) => /\brollBack\b/.test(c)), [false, false, true]);
    assert.deepStrictEqual(ctx.map((c) => /\brollBackTo\b/.test(c)), [true, true, false]);
    assert.ok(ctx.every((c) => /\bhasDown\b/.test(c) && !/\bapplyUpTo\b/.test(c)));
  });

  it('shows each item-menu action only on the items it applies to', async () => {
    // The menus of package.json, evaluated as VS Code does for `viewItem == x` and `viewItem =~ /re/`.
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string; group?: string }[];
    const shows = (when: string, contextValue: string) => when.split('&&').map((c) => c.trim()).every((c) => {
      const eq = /^viewItem == (\S+)$/.exec(c);
      if (eq) return contextValue === eq[1];
      const re = /^viewItem =~ \/(.+)\/$/.exec(c);
      if (re) return new RegExp(re[1]).test(contextValue);
      return c === 'view == pgvectorMigrator.migrations';
    });
    const menuOf = (contextValue: string) => menus.filter((m) => m.group !== 'inline' && shows(m.when, contextValue)).map((m) => m.command.replace('pgvectorMigrator.', '')).sort();
    const list = [...(await items(api)).values()];
    assert.deepStrictEqual(list.map((i) => menuOf(i.contextValue!)), [
      ['copyVersion', 'openDownSection', 'rollBackToHere'],
      // 0002 and 0003 create tables: Load Data into Table… is offered on them.
      ['copyVersion', 'loadData', 'openDownSection', 'rollBackToHere'],
      ['copyVersion', 'loadData', 'openDownSection', 'rollBack'],
    ]);
  });

  it('Roll back undoes the newest migration', async () => {
    const outcome = await run<ActionOutcome>('pgvectorMigrator.rollBack');
    assert.strictEqual(outcome.status, 'done', outcome.message);
    assert.deepStrictEqual(outcome.completed, ['0003']);
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 pending']);
    assert.strictEqual(api.statusBarText(), '$(database) Embedded database · 1 pending');
  });

  it('Roll back to here keeps the chosen migration and undoes the newer ones', async () => {
    await run('pgvectorMigrator.applyPending');
    const outcome = await run<ActionOutcome>('pgvectorMigrator.rollBackToHere', { version: '0001' });
    assert.deepStrictEqual(outcome.completed, ['0003', '0002']);
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 pending', '0003 pending']);
  });

  it('Apply up to here applies through the chosen migration only', async () => {
    const outcome = await run<ActionOutcome>('pgvectorMigrator.applyUpToHere', { version: '0002' });
    assert.deepStrictEqual(outcome.completed, ['0002']);
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 pending']);
  });

  it('releases the embedded database on request; the database holds what the view shows', async () => {
    await api.releaseDatabase();
    assert.strictEqual(api.isDatabaseOpen(), false);
    assert.strictEqual(fs.existsSync(embeddedLockFile()), false);
    const db = await openEmbedded(workspaceDir(), 'extension-host test');
    try {
      const tables = await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
      assert.deepStrictEqual(tables.rows.map((r) => r.tablename), ['documents', 'pgvector_migrator_history']);
    } finally {
      await db.close();
    }
  });

  it('lets the CLI see what the editor applied once released', async () => {
    const status = await cli(['status', '--format', 'json']);
    assert.strictEqual(status.code, 0, status.stderr);
    const rows = JSON.parse(status.stdout) as { version: string; state: string }[];
    assert.deepStrictEqual(rows.map((r) => `${r.version} ${r.state}`), ['0001 applied', '0002 applied', '0003 pending']);
  });

  it('lets go of the embedded database as soon as an action ends, so the CLI gets in at once', async () => {
    await run('pgvectorMigrator.refresh');
    assert.strictEqual(api.isDatabaseOpen(), false);
    assert.strictEqual(fs.existsSync(embeddedLockFile()), false);
    const status = await cli(['status']);
    assert.strictEqual(status.code, 0, status.stderr);
    assert.doesNotMatch(status.stderr, /Waiting for the embedded database/);
  });

  it('opens the Migrations view from the status bar entry', async () => {
    const command = api.statusBarCommand();
    assert.strictEqual(command, 'pgvectorMigrator.migrations.focus');
    await vscode.commands.executeCommand(command);
    assert.match(api.statusBarText(), /^\$\(database\) Embedded database · 1 pending$/);
  });

  it('sees a new migration file without a refresh', async () => {
    const file = writeFile(migrationPath('0004_add_chunk_tags.sql'), [
      '-- Migration: 0004_add_chunk_tags.sql', '-- Description: tags on chunks', '-- Dependencies: 0003_create_chunks.sql',
      '-- Author: test', '-- Date: 2026-01-06', '', '-- UP Migration', 'ALTER TABLE chunks ADD COLUMN tags text[];', '',
      '-- DOWN Migration', 'ALTER TABLE chunks DROP COLUMN tags;', '',
    ].join('\n'));
    added.push(file);
    await until(api, '0004 in the view', async () => ((await items(api)).has('0004_add_chunk_tags.sql') ? true : undefined));
    assert.deepStrictEqual(await states(api), ['0001 applied', '0002 applied', '0003 pending', '0004 pending']);
    fs.rmSync(file);
    await until(api, '0004 gone from the view', async () => ((await items(api)).has('0004_add_chunk_tags.sql') ? undefined : true));
  });

  it('New Migration creates the next file from the template and opens it in its UP section', async () => {
    const files = await run<string[]>('pgvectorMigrator.newMigration', { name: 'add chunk metadata' });
    added.push(...files);
    assert.deepStrictEqual(files.map((f) => path.basename(f)), ['0004_add_chunk_metadata.sql']);
    const text = fs.readFileSync(files[0], 'utf8');
    assert.match(text, /^-- Migration: 0004_add_chunk_metadata\.sql\n-- Description: .*\n-- Dependencies: 0003_create_chunks\.sql\n/);
    assert.match(text, /-- UP Migration\nBEGIN;\n\n\nCOMMIT;\n\n-- DOWN Migration\n/);
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.fsPath, files[0]);
    const upLine = text.split('\n').indexOf('-- UP Migration');
    assert.strictEqual(editor!.selection.active.line, upLine + 2);
    assert.ok((await items(api)).has('0004_add_chunk_metadata.sql'));
  });

  it('Open DOWN section puts the cursor on the DOWN marker', async () => {
    const editor = await run<vscode.TextEditor>('pgvectorMigrator.openDownSection', { version: '0003' });
    assert.strictEqual(editor.document.uri.fsPath, migrationPath('0003_create_chunks.sql'));
    assert.strictEqual(editor.document.lineAt(editor.selection.active.line).text, '-- DOWN Migration');
  });

  it('flags a wrong key of pgvector-migrator.json in the editor (JSON schema) and in the view', async () => {
    const configFile = path.join(workspaceDir(), 'pgvector-migrator.json');
    const original = fs.readFileSync(configFile, 'utf8');
    try {
      fs.writeFileSync(configFile, original.replace('"migrationsDir"', '"migrationDir"'));
      const doc = await vscode.workspace.openTextDocument(workspaceUri(configFile));
      await vscode.window.showTextDocument(doc);
      const schemaDiagnostic = await until(api, 'the JSON schema to flag the key', () => {
        const all = vscode.languages.getDiagnostics(doc.uri);
        const found = all.find((d) => /migrationDir/.test(d.message) || /not allowed/.test(d.message));
        if (!found) throw new Error(JSON.stringify(all.map((d) => d.message)));
        return found;
      });
      assert.strictEqual(doc.getText(schemaDiagnostic.range).replace(/"/g, ''), 'migrationDir');
      const first = await until(api, 'the view to show the config error', async () => {
        const top = await api.treeItems();
        return top.length === 1 && /unknown key "migrationDir"/.test(top[0].label) ? top[0] : undefined;
      });
      assert.strictEqual(first.icon, 'error');
    } finally {
      fs.writeFileSync(configFile, original);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await until(api, 'the migrations to come back', async () => ((await items(api)).size > 0 ? true : undefined));
  });

  it('Copy version puts the version on the clipboard', async () => {
    assert.strictEqual(await run('pgvectorMigrator.copyVersion', { version: '0002' }), '0002');
    assert.strictEqual(await vscode.env.clipboard.readText(), '0002');
  });
});
