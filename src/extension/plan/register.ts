// Show Plan in the editor: the commands, the Markdown documents and the CodeLenses.
import * as vscode from 'vscode';
import type { MigratorWorkspace } from '../migrator-workspace';
import type { CommandArg } from '../commands/arguments';
import { PlanCodeLenses } from './code-lens';
import { PlanDocuments, PLAN_SCHEME } from './plan-documents';
import { Plans } from './plans';
import { showPlan } from './show-plan';

export function registerPlan(context: vscode.ExtensionContext, ws: MigratorWorkspace): void {
  const plans = new Plans(ws);
  const documents = new PlanDocuments();
  const views = { plans, documents };
  context.subscriptions.push(
    plans,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, documents),
    vscode.languages.registerCodeLensProvider({ language: 'sql', scheme: '*' }, new PlanCodeLenses(ws, plans)),
    vscode.commands.registerCommand('pgvectorMigrator.showPlan', (arg?: CommandArg | vscode.Uri) => showPlan(ws, views, arg)),
    vscode.commands.registerCommand('pgvectorMigrator.showPendingPlan', (arg?: CommandArg) => showPlan(ws, views, arg ?? {}, true)),
  );
}
