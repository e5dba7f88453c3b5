// "Add connection…": asks step by step, tests the connection before saving it to the user
// settings, and keeps the password in SecretStorage.
import * as vscode from 'vscode';
import { ConnectionSetting, displayConnection, readConnectionSettings, SslMode, SSL_MODES } from '../../core/db/connection-settings';
import { formatUserError } from '../../core/errors';
import { redactSecrets } from '../../core/db/redact';
import { LOCK_HOLDER } from '../database-pool';
import { loadOpenConnection } from '../heavy-modules';
import type { MigratorWorkspace } from '../migrator-workspace';
import { refuseUntrusted } from './run-action';

export interface AddConnectionOptions extends Omit<ConnectionSetting, 'name'> {
  name: string;
  password?: string;
  /** Select it once saved (default true). */
  select?: boolean;
}

/** Returns the new connection's name, or undefined when it was not saved. */
export async function addConnection(ws: MigratorWorkspace, options?: AddConnectionOptions): Promise<string | undefined> {
  // Testing the connection connects to a server: a database action like any other.
  if (refuseUntrusted(ws, 'Add connection')) return undefined;
  const asked = options ?? await ask(ws);
  if (!asked) return undefined;
  const { password, select, ...fields } = asked;
  const read = readConnectionSettings([fields]);
  if (read.problems.length > 0 || read.connections.length === 0) {
    void vscode.window.showErrorMessage(read.problems.join('; '));
    return undefined;
  }
  const setting = read.connections[0];
  ws.log.info(`Testing connection "${setting.name}" (${displayConnection(setting)})`);
  try {
    const { testConnection } = await loadOpenConnection();
    const version = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Connecting to ${displayConnection(setting)}` },
      () => testConnection({ kind: 'setting', setting, password }, LOCK_HOLDER),
    );
    ws.log.info(`Connection "${setting.name}" works: PostgreSQL ${version}`);
  } catch (err) {
    const text = redactSecrets(formatUserError(err).replace(/^error: /, ''));
    ws.log.error(`Connection "${setting.name}" failed, not saved: ${text}`);
    void vscode.window.showErrorMessage(`Could not connect to ${displayConnection(setting)}: ${text}. The connection was not saved.`);
    return undefined;
  }
  await ws.connections.storePassword(setting.name, password);
  await ws.connections.saveSetting(setting);
  if (select !== false) {
    await ws.connections.select({ kind: 'setting', name: setting.name });
    await ws.connectionChanged();
  }
  void vscode.window.showInformationMessage(`Saved connection "${setting.name}"${password ? ' (password in the secret store)' : ''}.`);
  return setting.name;
}

async function ask(ws: MigratorWorkspace): Promise<AddConnectionOptions | undefined> {
  const step = (n: number) => `Add Connection (${n}/8)`;
  const taken = new Set(ws.connections.settings().connections.map((c) => c.name));
  const name = await vscode.window.showInputBox({
    title: step(1), prompt: 'A name for this connection', placeHolder: 'local',
    validateInput: (v) => (!v.trim() ? 'Give it a name' : taken.has(v.trim()) ? 'That name is taken' : undefined),
  });
  if (!name) return undefined;
  const host = await vscode.window.showInputBox({ title: step(2), prompt: 'Host', value: 'localhost' });
  if (host === undefined) return undefined;
  const portText = await vscode.window.showInputBox({
    title: step(3), prompt: 'Port', value: '5432',
    validateInput: (v) => (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536 ? undefined : 'A port number, e.g. 5432'),
  });
  if (portText === undefined) return undefined;
  const database = await vscode.window.showInputBox({ title: step(4), prompt: 'Database', value: 'postgres' });
  if (database === undefined) return undefined;
  const user = await vscode.window.showInputBox({ title: step(5), prompt: 'User', value: 'postgres' });
  if (user === undefined) return undefined;
  const sslmode = await vscode.window.showQuickPick(SSL_MODES.map((m) => m as string), { title: step(6), placeHolder: 'sslmode (prefer connects without TLS here)' });
  if (sslmode === undefined) return undefined;
  const password = await vscode.window.showInputBox({ title: step(7), prompt: 'Password (kept in the secret store; leave empty for none)', password: true });
  if (password === undefined) return undefined;
  const production = await vscode.window.showQuickPick(['No', 'Yes: ask for the database name before applying or rolling back'], { title: step(8), placeHolder: 'Is this a production database?' });
  if (production === undefined) return undefined;
  return { name: name.trim(), host, port: Number(portText), database, user, sslmode: sslmode as SslMode, password: password || undefined, production: production !== 'No' };
}
