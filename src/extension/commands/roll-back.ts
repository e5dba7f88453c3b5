// "Roll back" (the newest applied migration) and "Roll back to here" (everything newer than the
// chosen applied migration; it stays applied).
import * as vscode from 'vscode';
import type { MigratorWorkspace } from '../migrator-workspace';
import { CommandArg, optionsOf, projectFor, versionFor } from './arguments';
import { ActionOutcome, refused } from './outcome';
import { runOnDatabase } from './run-action';

export async function rollBack(ws: MigratorWorkspace, arg: CommandArg): Promise<ActionOutcome> {
  const project = await projectFor(ws, arg);
  if (!project) return refused('no project');
  const version = versionFor(arg);
  return runOnDatabase(ws, project, {
    title: version ? `Rolling back ${version}` : 'Rolling back the newest migration',
    plan: { direction: 'down', steps: 1 },
    confirmDatabaseName: optionsOf(arg).confirmDatabaseName,
  });
}

export async function rollBackToHere(ws: MigratorWorkspace, arg: CommandArg): Promise<ActionOutcome> {
  const project = await projectFor(ws, arg);
  const version = versionFor(arg);
  if (!project || !version) {
    void vscode.window.showWarningMessage('Roll back to here acts on an applied migration of the Migrations view.');
    return refused('no migration given');
  }
  return runOnDatabase(ws, project, {
    title: `Rolling back everything after ${version}`,
    plan: { direction: 'down', to: version },
    confirmDatabaseName: optionsOf(arg).confirmDatabaseName,
  });
}
