// Context keys that pick the Migrations view's welcome content (package.json viewsWelcome):
// no config, no migrations yet, or no connection selected (the embedded database is used).
import * as vscode from 'vscode';
import { CONTEXT, ContextKey } from './context-keys';
import type { MigratorWorkspace } from './migrator-workspace';

export class WelcomeContext implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private last = '';
  private values: Record<ContextKey, boolean> | undefined;

  constructor(private readonly ws: MigratorWorkspace) {
    this.subscriptions = [ws.onDidChange(() => this.update()), ws.connections.onDidChange(() => this.update())];
    this.update();
  }

  update(): void {
    const projects = this.ws.projects;
    const values: Record<ContextKey, boolean> = {
      [CONTEXT.hasProject]: projects.length > 0,
      [CONTEXT.hasMigrations]: projects.some((p) => (p.session.set?.migrations.length ?? 0) > 0 || !!p.session.view().configError),
      [CONTEXT.usingEmbedded]: this.ws.connections.current().kind === 'embedded',
    };
    const key = JSON.stringify(values);
    if (key === this.last) return;
    this.last = key;
    this.values = values;
    for (const [name, value] of Object.entries(values)) void vscode.commands.executeCommand('setContext', name, value);
  }

  /** The values last given to setContext, by key. */
  current(): Record<ContextKey, boolean> {
    return { ...this.values! };
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
