// "Verify Rollbacks": runs the rollback tests' Run profile for every migration (of the project
// named in the arguments, else of every project) as if Run All had been clicked in the Test
// Explorer, with a notification whose Cancel stops it. The results show in the Test Explorer;
// the notification sums them up.
import * as vscode from 'vscode';
import type { MigratorWorkspace } from '../migrator-workspace';
import { CommandArg, optionsOf, projectFor } from '../commands/arguments';
import { refuseUntrusted } from '../commands/run-action';
import type { RollbackTests, VerifySummary } from './rollback-tests';

export async function verifyRollbacksCommand(ws: MigratorWorkspace, tests: RollbackTests, arg?: CommandArg): Promise<VerifySummary> {
  const untrusted = refuseUntrusted(ws, 'Verify Rollbacks');
  if (untrusted) return { status: 'refused', message: untrusted.message, results: [] };
  // From the view's title bar or the palette: all projects; with a project named, that one.
  const namesOne = arg !== undefined && (optionsOf(arg).project !== undefined || 'kind' in arg);
  // Without any project, projectFor offers to create a config.
  const project = namesOne || ws.projects.length === 0 ? await projectFor(ws, arg) : undefined;
  if (!project && (namesOne || ws.projects.length === 0)) return { status: 'refused', message: 'No project: no workspace folder holds a pgvector-migrator.json.', results: [] };
  tests.items.sync();
  const include = project ? [tests.items.projectItem(project)] : undefined;
  const request = new vscode.TestRunRequest(include, undefined, tests.profile);
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Verifying rollbacks in a scratch database', cancellable: true },
    (progress, token) => tests.run(request, token, progress),
  );
  ws.log.info(summary.message);
  if (summary.status !== 'refused') {
    const failed = summary.results.some((r) => r.status === 'failed' || r.status === 'errored');
    const show = failed || summary.status !== 'done' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(summary.message, 'Show Test Results').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.view.testing.focus');
    });
  }
  return summary;
}
