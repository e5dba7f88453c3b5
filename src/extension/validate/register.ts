// Validate in the editor: the command, its report panels and its Problems entries. Registration
// is cheap; core/validate loads on the first run (see load.ts).
import * as vscode from 'vscode';
import type { MigratorWorkspace } from '../migrator-workspace';
import type { CommandArg } from '../commands/arguments';
import { ValidationDiagnostics } from './diagnostics';
import { ReportPanels } from './report-panels';
import { validateCommand } from './run-validation';
import { ValidationApi, validationApi } from './test-api';

export type { ValidationApi } from './test-api';

export function registerValidation(context: vscode.ExtensionContext, ws: MigratorWorkspace): ValidationApi {
  const diagnostics = new ValidationDiagnostics();
  const reports = new ReportPanels(ws.log);
  context.subscriptions.push(
    diagnostics,
    reports,
    // Findings describe the database validated then; another connection is another database.
    ws.connections.onDidChange(() => diagnostics.clearAll()),
    vscode.commands.registerCommand('pgvectorMigrator.validate', (arg?: CommandArg) => validateCommand(ws, { diagnostics, reports }, arg)),
  );
  return validationApi(ws, reports);
}
