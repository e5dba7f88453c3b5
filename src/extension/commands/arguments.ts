// Commands are called from the view (with a tree node), from the palette (with nothing) and from
// tests or other extensions (with an options object, so nothing waits for a dialog).
import * as vscode from 'vscode';
import type { MigrationsNode } from '../migrations-tree';
import type { MigratorWorkspace, Project } from '../migrator-workspace';

export interface CommandOptions {
  /** The project folder (or any path inside it). */
  project?: string;
  /** The migration version an item command acts on. */
  version?: string;
  /** For a production connection: the database name, as the user would type it. */
  confirmDatabaseName?: string;
}

export type CommandArg = MigrationsNode | CommandOptions | undefined;

function isNode(arg: CommandArg): arg is MigrationsNode {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && 'project' in arg && typeof (arg as MigrationsNode).project === 'object';
}

export function optionsOf(arg: CommandArg): CommandOptions {
  return arg && !isNode(arg) ? arg : {};
}

/** The project a command acts on; asks only when several qualify and nothing names one. */
export async function projectFor(ws: MigratorWorkspace, arg: CommandArg): Promise<Project | undefined> {
  if (isNode(arg)) return arg.project;
  const named = optionsOf(arg).project;
  if (named) return ws.projectOf(named);
  const projects = ws.projects;
  if (projects.length <= 1) {
    if (projects.length === 0) void vscode.window.showWarningMessage('No folder of this workspace holds a pgvector-migrator.json.', 'Create pgvector-migrator.json').then((pick) => {
      if (pick) void vscode.commands.executeCommand('pgvectorMigrator.createConfig');
    });
    return projects[0];
  }
  const pick = await vscode.window.showQuickPick(projects.map((p) => ({ label: p.folder.name, description: p.session.dir, project: p })), { placeHolder: 'Which project?' });
  return pick?.project;
}

/** The version an item command acts on: the clicked item's, or the one named in the options. */
export function versionFor(arg: CommandArg): string | undefined {
  if (isNode(arg)) return arg.kind === 'migration' ? arg.entry.version : undefined;
  return optionsOf(arg).version;
}
