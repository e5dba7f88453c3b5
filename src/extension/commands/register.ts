// Every contributed command, bound to its handler. Handlers return what they did, so tests and
// other extensions can call them with options instead of clicking through dialogs.
import * as vscode from 'vscode';
import type { MigratorWorkspace } from '../migrator-workspace';
import { applyPending, applyUpToHere } from './apply';
import { rollBack, rollBackToHere } from './roll-back';
import { newMigration } from './new-migration';
import { changeEmbeddingModel } from './change-embedding';
import { createConfig } from './create-config';
import { openDownSection, copyVersion } from './item-commands';
import { selectConnection } from './select-connection';
import { addConnection } from './add-connection';
import { CommandArg, projectFor } from './arguments';

export function registerCommands(context: vscode.ExtensionContext, ws: MigratorWorkspace): void {
  const handlers: Record<string, (...args: any[]) => unknown> = {
    'pgvectorMigrator.applyPending': (arg?: CommandArg) => applyPending(ws, arg),
    'pgvectorMigrator.applyUpToHere': (arg?: CommandArg) => applyUpToHere(ws, arg),
    'pgvectorMigrator.rollBack': (arg?: CommandArg) => rollBack(ws, arg),
    'pgvectorMigrator.rollBackToHere': (arg?: CommandArg) => rollBackToHere(ws, arg),
    'pgvectorMigrator.newMigration': (arg?) => newMigration(ws, arg),
    'pgvectorMigrator.changeEmbeddingModel': (arg?) => changeEmbeddingModel(ws, arg),
    'pgvectorMigrator.createConfig': (arg?) => createConfig(ws, arg),
    'pgvectorMigrator.openDownSection': (arg?: CommandArg) => openDownSection(ws, arg),
    'pgvectorMigrator.copyVersion': (arg?: CommandArg) => copyVersion(arg),
    'pgvectorMigrator.selectConnection': (arg?) => selectConnection(ws, arg),
    'pgvectorMigrator.addConnection': (arg?) => addConnection(ws, arg),
    'pgvectorMigrator.refresh': (arg?: CommandArg) => refresh(ws, arg),
    'pgvectorMigrator.releaseDatabase': () => releaseDatabase(ws),
    'pgvectorMigrator.showLog': () => ws.log.show(),
  };
  for (const [id, handler] of Object.entries(handlers)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}

/** Re-reads files and, in a trusted workspace, the history of one project or of all. */
async function refresh(ws: MigratorWorkspace, arg?: CommandArg): Promise<void> {
  ws.rescan();
  const one = arg ? await projectFor(ws, arg) : undefined;
  const projects = one ? [one] : [...ws.projects];
  for (const p of projects) p.session.forgetFailures();
  if (!vscode.workspace.isTrusted) {
    ws.fire();
    return;
  }
  await Promise.all(projects.map((p) => ws.readStatus(p)));
}

/** Closes the embedded database (and server connections) now, so the CLI can use it. */
async function releaseDatabase(ws: MigratorWorkspace): Promise<void> {
  await ws.pool.releaseAll();
  ws.log.info('Released every database connection of this window.');
}
