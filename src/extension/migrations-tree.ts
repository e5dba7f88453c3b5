// The "Migrations" view: the status list of each project as tree items. With one project its
// migrations are the top level; in a multi-root workspace each project folder is a node.
import * as vscode from 'vscode';
import type { ShownEntry } from '../core/runner/last-failures';
import type { EntryActions } from '../core/runner/entry-actions';
import type { MigratorWorkspace, Project } from './migrator-workspace';
import { migrationItem, UnknownReason } from './migration-item';
import { uriOf } from './uris';

export type MigrationsNode =
  | { kind: 'project'; project: Project }
  | { kind: 'migration'; project: Project; entry: ShownEntry; actions: EntryActions; unknown: UnknownReason }
  | { kind: 'message'; project: Project; text: string; icon: 'error' | 'warning' | 'info'; file?: string };

export const VIEW_ID = 'pgvectorMigrator.migrations';

export class MigrationsTree implements vscode.TreeDataProvider<MigrationsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MigrationsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ws: MigratorWorkspace) {
    this.subscription = ws.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: MigrationsNode): Promise<MigrationsNode[]> {
    if (!node) {
      const projects = this.ws.projects;
      if (projects.length === 1) return this.projectChildren(projects[0], true);
      return projects.map((project) => ({ kind: 'project', project }));
    }
    return node.kind === 'project' ? this.projectChildren(node.project, false) : [];
  }

  getTreeItem(node: MigrationsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'migration': {
        const item = migrationItem(node.entry, node.actions, node.unknown);
        // Ids are unique across the whole tree: a version missing on disk may exist in two projects.
        item.id = `${node.project.session.dir}|${item.id}`;
        return item;
      }
      case 'project':
        return projectItem(node.project);
      case 'message': {
        const item = new vscode.TreeItem(node.text.split('\n')[0], vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.text;
        item.iconPath = new vscode.ThemeIcon(node.icon, new vscode.ThemeColor(node.icon === 'error' ? 'errorForeground' : node.icon === 'warning' ? 'list.warningForeground' : 'foreground'));
        item.contextValue = 'message';
        if (node.file) item.command = { command: 'vscode.open', title: 'Open File', arguments: [uriOf(node.file)] };
        return item;
      }
    }
  }

  getParent(node: MigrationsNode): MigrationsNode | undefined {
    if (node.kind === 'project' || this.ws.projects.length === 1) return undefined;
    return { kind: 'project', project: node.project };
  }

  private async projectChildren(project: Project, topLevel: boolean): Promise<MigrationsNode[]> {
    await this.ws.ensureStatus(project);
    const view = project.session.view();
    if (view.configError) return [{ kind: 'message', project, text: view.configError.replace(/^error: /, ''), icon: 'error', file: project.session.configFile }];
    const unknown: UnknownReason = !vscode.workspace.isTrusted
      ? 'status unknown (Restricted Mode)'
      : project.statusError ? 'status unknown' : view.historyKnown ? undefined : 'status not read yet';
    const nodes: MigrationsNode[] = [];
    if (project.statusError) nodes.push({ kind: 'message', project, text: `Cannot read the history: ${project.statusError}`, icon: 'error' });
    for (const p of view.problems) nodes.push({ kind: 'message', project, text: p.message, icon: 'warning', file: p.file });
    view.entries.forEach((entry, i) => nodes.push({ kind: 'migration', project, entry, actions: view.actions[i], unknown }));
    // With one project an empty list lets the welcome content ("Create first migration") show.
    if (nodes.length === 0 && !topLevel) nodes.push({ kind: 'message', project, text: 'No migrations yet', icon: 'info' });
    return nodes;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function projectItem(project: Project): vscode.TreeItem {
  const item = new vscode.TreeItem(project.folder.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `project:${project.folder.uri.toString()}`;
  const pending = project.session.view().pending;
  item.description = pending === undefined ? undefined : `${pending} pending`;
  item.iconPath = new vscode.ThemeIcon('database');
  item.contextValue = 'project';
  item.resourceUri = project.folder.uri;
  item.tooltip = project.session.configFile;
  return item;
}
