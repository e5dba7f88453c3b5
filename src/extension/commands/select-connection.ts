// "Select Connection": connections from the settings, DATABASE_URL, the embedded database, or
// "Add connection…".
import * as vscode from 'vscode';
import { displayConnection } from '../../core/db/connection-settings';
import { redactUrl } from '../../core/db/redact';
import type { ConnectionChoice } from '../connections';
import type { MigratorWorkspace } from '../migrator-workspace';
import { addConnection } from './add-connection';

export interface SelectConnectionOptions {
  /** A connection name from the settings. */
  name?: string;
  kind?: 'embedded' | 'env';
}

interface ChoiceItem extends vscode.QuickPickItem {
  choice?: ConnectionChoice;
  add?: true;
}

/** Returns the label of the connection now in use (undefined when the user backed out). */
export async function selectConnection(ws: MigratorWorkspace, options?: SelectConnectionOptions): Promise<string | undefined> {
  let choice: ConnectionChoice | undefined;
  if (options?.name) {
    if (!ws.connections.setting(options.name)) {
      void vscode.window.showErrorMessage(`There is no connection named "${options.name}" in pgvectorMigrator.connections.`);
      return undefined;
    }
    choice = { kind: 'setting', name: options.name };
  } else if (options?.kind) {
    choice = { kind: options.kind };
  } else {
    const pick = await vscode.window.showQuickPick(items(ws), { title: 'Select Connection', placeHolder: `Now: ${ws.connections.label()}` });
    if (!pick) return undefined;
    if (pick.add) return addConnection(ws);
    choice = pick.choice;
  }
  if (!choice) return undefined;
  await ws.connections.select(choice);
  await ws.connectionChanged();
  ws.log.info(`Connection: ${ws.connections.label()} (${ws.connections.describe()})`);
  return ws.connections.label();
}

function items(ws: MigratorWorkspace): ChoiceItem[] {
  const { connections, problems } = ws.connections.settings();
  const current = ws.connections.key('');
  const mark = (choice: ConnectionChoice) => (ws.connections.key('', choice) === current ? '$(check) ' : '');
  const list: ChoiceItem[] = connections.map((c) => {
    const choice: ConnectionChoice = { kind: 'setting', name: c.name };
    return { label: `${mark(choice)}${c.name}`, description: displayConnection(c), detail: c.production ? 'production: asks for the database name before applying or rolling back' : undefined, choice };
  });
  if (process.env.DATABASE_URL) {
    const choice: ConnectionChoice = { kind: 'env' };
    list.push({ label: `${mark(choice)}DATABASE_URL`, description: redactUrl(process.env.DATABASE_URL), detail: 'from the environment', choice });
  }
  const embedded: ConnectionChoice = { kind: 'embedded' };
  list.push({ label: `${mark(embedded)}Embedded database`, description: 'PGlite with pgvector in .pgvector-migrator/db', detail: 'no server needed; shared with the CLI', choice: embedded });
  list.push({ label: '$(add) Add connection…', add: true });
  for (const p of problems) list.push({ label: `$(warning) ${p}`, kind: vscode.QuickPickItemKind.Default, alwaysShow: true });
  return list;
}
