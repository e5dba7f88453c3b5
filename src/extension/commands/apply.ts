// "Apply pending" (view title, palette, project item) and "Apply up to here" (pending item).
import * as vscode from 'vscode';
import type { MigratorWorkspace } from '../migrator-workspace';
import { CommandArg, optionsOf, projectFor, versionFor } from './arguments';
import { ActionOutcome, refused } from './outcome';
import { refuseUntrusted, runOnDatabase } from './run-action';

/** Applies pending migrations; with several projects and none named, in each of them in turn. */
export async function applyPending(ws: MigratorWorkspace, arg: CommandArg): Promise<ActionOutcome> {
  const untrusted = refuseUntrusted(ws, 'Apply pending');
  if (untrusted) return untrusted;
  const options = optionsOf(arg);
  const named = (arg && 'kind' in arg) || options.project || ws.projects.length <= 1;
  const projects = named ? [await projectFor(ws, arg)].filter((p) => p !== undefined) : [...ws.projects];
  if (projects.length === 0) return refused('No project: no workspace folder holds a pgvector-migrator.json.');
  let last: ActionOutcome | undefined;
  const completed: string[] = [];
  for (const project of projects) {
    last = await runOnDatabase(ws, project, { title: 'Applying pending migrations', plan: { direction: 'up' }, confirmDatabaseName: options.confirmDatabaseName });
    completed.push(...last.completed);
    if (last.status !== 'done' && last.status !== 'nothing') break;
  }
  return { ...last!, completed };
}

export async function applyUpToHere(ws: MigratorWorkspace, arg: CommandArg): Promise<ActionOutcome> {
  const project = await projectFor(ws, arg);
  const version = versionFor(arg);
  if (!project || !version) {
    void vscode.window.showWarningMessage('Apply up to here acts on a migration of the Migrations view.');
    return refused('no migration given');
  }
  return runOnDatabase(ws, project, {
    title: `Applying migrations up to ${version}`,
    plan: { direction: 'up', to: version },
    confirmDatabaseName: optionsOf(arg).confirmDatabaseName,
  });
}
