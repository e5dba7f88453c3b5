// What activate() returns: enough for the extension-host tests (and other extensions) to see what
// a user sees — the tree as the view renders it, the log, the status bar — and to do what a user
// does without dialogs (cancel a run, release the embedded database).
import * as vscode from 'vscode';
import type { MigratorWorkspace } from './migrator-workspace';
import type { MigrationsTree, MigrationsNode } from './migrations-tree';
import type { StatusBar } from './status-bar';
import type { WelcomeContext } from './welcome-context';
import { heavyModulesLoaded } from './heavy-modules';

export interface TreeItemSnapshot {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  /** The codicon id of the item's icon. */
  icon?: string;
  /** The URI the item opens when clicked. */
  opens?: string;
  children: TreeItemSnapshot[];
}

export interface PgvectorMigratorApi {
  /** What activation cost, in milliseconds: evaluating our modules plus running activate(). */
  readonly activationMs: number;
  readonly activation: { evaluateMs: number; activateMs: number };
  /** Heavy modules (database drivers, parser) loaded so far; empty until the first database action. */
  heavyModulesLoaded(): string[];
  /** The Migrations view's items, read through its TreeDataProvider. */
  treeItems(): Promise<TreeItemSnapshot[]>;
  /** Lines written to the "pgvector Migrator" output channel, as `[level] text`. */
  logLines(): string[];
  statusBarText(): string;
  /** The context keys that pick the view's welcome content (package.json viewsWelcome), as last set. */
  contextKeys(): Record<string, boolean>;
  /** The command a click on the status bar entry runs. */
  statusBarCommand(): string | undefined;
  /** True while a database connection is open (the embedded one holds its lock file then). */
  isDatabaseOpen(): boolean;
  /** Closes every connection now (as the idle timeout would), so another process can open the embedded database. */
  releaseDatabase(): Promise<void>;
  /** Does what the progress notification's Cancel button does; false when nothing was running. */
  cancelRunning(): boolean;
  /** Fires after anything the view shows may have changed. */
  readonly onDidChange: vscode.Event<void>;
}

export function testApi(activation: { evaluateMs: number; activateMs: number }, ws: MigratorWorkspace, tree: MigrationsTree, statusBar: StatusBar, welcome: WelcomeContext): PgvectorMigratorApi {
  const snapshot = async (node?: MigrationsNode): Promise<TreeItemSnapshot[]> => {
    const nodes = await tree.getChildren(node);
    return Promise.all(nodes.map(async (n) => {
      const item = tree.getTreeItem(n);
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
      return {
        label: typeof item.label === 'string' ? item.label : item.label?.label ?? '',
        description: typeof item.description === 'string' ? item.description : undefined,
        tooltip,
        contextValue: item.contextValue,
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
        opens: item.command?.arguments?.[0]?.toString(),
        children: n.kind === 'project' ? await snapshot(n) : [],
      };
    }));
  };
  return {
    activationMs: activation.evaluateMs + activation.activateMs,
    activation,
    heavyModulesLoaded,
    treeItems: () => snapshot(),
    logLines: () => ws.log.transcript(),
    statusBarText: () => statusBar.item.text,
    contextKeys: () => welcome.current(),
    statusBarCommand: () => (typeof statusBar.item.command === 'string' ? statusBar.item.command : statusBar.item.command?.command),
    isDatabaseOpen: () => ws.pool.anyOpen,
    releaseDatabase: () => ws.pool.releaseAll(),
    cancelRunning: () => {
      const running = ws.projects.filter((p) => p.running);
      running.forEach((p) => p.running!.abort());
      return running.length > 0;
    },
    onDidChange: ws.onDidChange,
  };
}
