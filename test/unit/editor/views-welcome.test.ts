import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTEXT } from '../../../src/extension/context-keys';

interface Contributes {
  commands: { command: string }[];
  viewsWelcome: { view: string; contents: string; when: string }[];
  menus: Record<string, { command: string; when?: string }[]>;
}

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as { contributes: Contributes };
const { viewsWelcome, menus, commands } = pkg.contributes;
/** The context keys of ours that a `when` clause reads (`view == pgvectorMigrator.x` names a view). */
const ourKeys = (when = '') => when.replace(/\bview == [\w.]+/g, '').match(/\bpgvectorMigrator\.\w+/g) ?? [];

describe('the welcome content in package.json', () => {
  it('reads exactly the context keys that the extension sets', () => {
    const read = [...new Set(viewsWelcome.flatMap((e) => ourKeys(e.when)))].sort();
    assert.deepEqual(read, Object.values(CONTEXT).sort());
  });

  it('leaves no menu reading a context key that the extension never sets', () => {
    const unknown = Object.values(menus).flat().flatMap((m) => ourKeys(m.when)).filter((k) => !(Object.values(CONTEXT) as string[]).includes(k));
    assert.deepEqual(unknown, []);
  });

  const table: [button: string, command: string, when: string][] = [
    ['Create pgvector-migrator.json', 'pgvectorMigrator.createConfig', 'workspaceFolderCount > 0 && !pgvectorMigrator.hasProject'],
    ['Open Folder', 'workbench.action.files.openFolder', 'workspaceFolderCount == 0'],
    ['Create first migration', 'pgvectorMigrator.newMigration', 'pgvectorMigrator.hasProject && !pgvectorMigrator.hasMigrations'],
    ['Select Connection', 'pgvectorMigrator.selectConnection', 'pgvectorMigrator.hasProject && !pgvectorMigrator.hasMigrations && pgvectorMigrator.usingEmbedded'],
  ];
  it('offers each button of the Migrations view under the condition it is meant for', () => {
    const shown = viewsWelcome.filter((e) => e.view === 'pgvectorMigrator.migrations').map((e) => {
      const [, button, command] = /\[([^\]]+)\]\(command:([\w.]+)\)/.exec(e.contents) ?? [];
      return [button, command, e.when];
    });
    assert.deepEqual(shown, table);
  });

  it('links only to commands that the extension contributes or VS Code has', () => {
    const ours = new Set(commands.map((c) => c.command));
    for (const [button, command] of table) {
      assert.ok(command.startsWith('workbench.') || ours.has(command), `${button} runs ${command}, which package.json contributes`);
    }
  });
});
