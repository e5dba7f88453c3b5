// The status bar entry: which connection this window uses and how many migrations are pending;
// a click opens the Migrations view.
import * as vscode from 'vscode';
import type { MigratorWorkspace } from './migrator-workspace';
import { VIEW_ID } from './migrations-tree';

export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('pgvectorMigrator.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly ws: MigratorWorkspace) {
    this.item.name = 'pgvector Migrator';
    this.item.command = `${VIEW_ID}.focus`;
    this.subscriptions = [ws.onDidChange(() => this.update()), ws.connections.onDidChange(() => this.update())];
    this.update();
  }

  update(): void {
    const projects = this.ws.projects;
    if (projects.length === 0) {
      this.item.hide();
      return;
    }
    const counts = projects.map((p) => p.session.view().pending);
    const known = counts.filter((c): c is number => c !== undefined);
    const pending = known.length === 0 ? '' : ` · ${known.reduce((a, b) => a + b, 0)} pending`;
    const label = this.ws.connections.label();
    this.item.text = `$(database) ${label}${pending}`;
    this.item.tooltip = `pgvector Migrator: ${this.ws.connections.describe()}${known.length === 0 ? '\nStates are read on the first database action.' : ''}\nClick to open the Migrations view.`;
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
