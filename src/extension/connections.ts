// Which database this window works on: a connection from the settings, DATABASE_URL from the
// environment, or the project's embedded database (the default: nothing to configure). The choice
// is kept per workspace; passwords live in SecretStorage, never in settings.
import * as vscode from 'vscode';
import { readConnectionSettings, displayConnection, ConnectionSetting, ConnectionSettingsRead } from '../core/db/connection-settings';
import type { ConnectionSpec } from '../core/db/open-connection';
import { redactUrl } from '../core/db/redact';

export type ConnectionChoice = { kind: 'embedded' } | { kind: 'env' } | { kind: 'setting'; name: string };

const CHOICE_KEY = 'pgvectorMigrator.connection';
const SETTINGS_SECTION = 'pgvectorMigrator';

export function passwordKey(connectionName: string): string {
  return `pgvectorMigrator.password.${connectionName}`;
}

export class Connections implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.connections`)) this.changed.fire();
    });
  }

  settings(): ConnectionSettingsRead {
    return readConnectionSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION).get('connections'));
  }

  /** The chosen connection; a choice whose setting was since removed falls back to embedded. */
  current(): ConnectionChoice {
    const stored = this.context.workspaceState.get<ConnectionChoice>(CHOICE_KEY);
    if (!stored) return { kind: 'embedded' };
    if (stored.kind === 'setting' && !this.setting(stored.name)) return { kind: 'embedded' };
    if (stored.kind === 'env' && !process.env.DATABASE_URL) return { kind: 'embedded' };
    return stored;
  }

  async select(choice: ConnectionChoice): Promise<void> {
    await this.context.workspaceState.update(CHOICE_KEY, choice);
    this.changed.fire();
  }

  setting(name: string): ConnectionSetting | undefined {
    return this.settings().connections.find((c) => c.name === name);
  }

  /** The production connection the current choice names, if it is one. */
  productionSetting(): ConnectionSetting | undefined {
    const choice = this.current();
    if (choice.kind !== 'setting') return undefined;
    const setting = this.setting(choice.name);
    return setting?.production ? setting : undefined;
  }

  /** Short name for the status bar and messages. */
  label(choice: ConnectionChoice = this.current()): string {
    if (choice.kind === 'embedded') return 'Embedded database';
    if (choice.kind === 'env') return 'DATABASE_URL';
    return choice.name;
  }

  /** Where it points, without password. */
  describe(choice: ConnectionChoice = this.current()): string {
    if (choice.kind === 'embedded') return 'PGlite with pgvector in .pgvector-migrator/db beside pgvector-migrator.json';
    if (choice.kind === 'env') return redactUrl(process.env.DATABASE_URL ?? '');
    const setting = this.setting(choice.name);
    return setting ? displayConnection(setting) : choice.name;
  }

  /** Identifies one database per project, so each gets its own warm connection. */
  key(projectDir: string, choice: ConnectionChoice = this.current()): string {
    return choice.kind === 'embedded' ? `embedded:${projectDir}` : `${this.label(choice)}:${projectDir}`;
  }

  async spec(projectDir: string, choice: ConnectionChoice = this.current()): Promise<ConnectionSpec> {
    if (choice.kind === 'embedded') return { kind: 'embedded', projectDir };
    if (choice.kind === 'env') return { kind: 'url', url: process.env.DATABASE_URL ?? '' };
    const setting = this.setting(choice.name);
    if (!setting) return { kind: 'embedded', projectDir };
    return { kind: 'setting', setting, password: await this.context.secrets.get(passwordKey(setting.name)) };
  }

  async storePassword(connectionName: string, password: string | undefined): Promise<void> {
    if (password) await this.context.secrets.store(passwordKey(connectionName), password);
    else await this.context.secrets.delete(passwordKey(connectionName));
  }

  /** Adds (or replaces) a connection in the user settings. */
  async saveSetting(setting: ConnectionSetting): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const raw = config.inspect<unknown[]>('connections')?.globalValue ?? [];
    const others = raw.filter((c) => (c as { name?: unknown })?.name !== setting.name);
    const entry = Object.fromEntries(Object.entries(setting).filter(([k, v]) => v !== undefined && !(k === 'production' && v === false)));
    await config.update('connections', [...others, entry], vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
