// Runs migrations as one user action: refuses in Restricted Mode, asks for the database name on a
// production connection, shows progress with a cancel button (cancel aborts the runner's signal,
// which cancels the running statement on the server and rolls back), logs every statement, and
// tells the user how it ended.
import * as path from 'path';
import * as vscode from 'vscode';
import type { PlanOptions } from '../../core/runner/plan';
import type { RunEvent } from '../../core/runner/execute';
import type { RunResult } from '../../core/runner/run';
import { confirmsProduction, databaseName } from '../../core/db/connection-settings';
import { formatUserError, MigratorError } from '../../core/errors';
import { redactSecrets } from '../../core/db/redact';
import type { MigratorWorkspace, Project } from '../migrator-workspace';
import { ActionOutcome, refused } from './outcome';
import { formatIndexProgress } from '../../core/db/index-build-progress';

export interface RunRequest {
  /** "Applying pending migrations", "Rolling back 0003_create_chunks.sql", ... */
  title: string;
  plan: PlanOptions;
  confirmDatabaseName?: string;
}

export function refuseUntrusted(ws: MigratorWorkspace, what: string): ActionOutcome | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  const message = `${what} needs a trusted workspace: in Restricted Mode pgvector Migrator does not connect to databases.`;
  ws.log.warn(message);
  void vscode.window.showWarningMessage(message, 'Manage Workspace Trust').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return refused(message);
}

/** On a connection marked production, the user types the database name first. */
async function confirmProduction(ws: MigratorWorkspace, request: RunRequest): Promise<ActionOutcome | undefined> {
  const setting = ws.connections.productionSetting();
  if (!setting) return undefined;
  const name = databaseName(setting);
  const typed = request.confirmDatabaseName ?? await vscode.window.showInputBox({
    title: `${request.title} on production connection "${setting.name}"`,
    prompt: `Type the database name "${name}" to confirm`,
    placeHolder: name,
    ignoreFocusOut: true,
  });
  if (confirmsProduction(setting, typed)) return undefined;
  const message = `${request.title} was not started: "${setting.name}" is a production connection and the database name was not confirmed.`;
  ws.log.warn(message);
  void vscode.window.showWarningMessage(message);
  return refused(message);
}

export async function runOnDatabase(ws: MigratorWorkspace, project: Project, request: RunRequest): Promise<ActionOutcome> {
  const refusal = refuseUntrusted(ws, request.title) ?? await confirmProduction(ws, request);
  if (refusal) return refusal;
  if (project.running) {
    const message = `${request.title} was not started: another action is running on ${project.folder.name}.`;
    void vscode.window.showWarningMessage(message);
    return refused(message);
  }
  const abort = new AbortController();
  project.running = abort;
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: request.title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        ws.log.info(`${request.title} in ${project.folder.name} on ${ws.connections.label()} (${ws.connections.describe()})`);
        try {
          const result = await ws.pool.use(project.session.dir, (db) => project.session.run(db, {
            ...request.plan,
            signal: abort.signal,
            onEvent: (event) => logEvent(ws, event, progress),
          }), ws.openContext(project, { signal: abort.signal, onWait: (held) => progress.report({ message: `waiting for the embedded database: in use by ${held.description}` }) }));
          return finish(ws, project, request, result, abort.signal.aborted);
        } catch (err) {
          if (abort.signal.aborted) return cancelledBeforeRunning(ws, request, err);
          return failedBeforeRunning(ws, project, request, err);
        }
      },
    );
  } finally {
    project.running = undefined;
    ws.fire();
  }
}

function logEvent(ws: MigratorWorkspace, event: RunEvent, progress: vscode.Progress<{ message?: string }>): void {
  const file = path.basename(event.migration.files[event.direction === 'down' ? event.migration.files.length - 1 : 0]);
  if (event.kind === 'migration-start') {
    progress.report({ message: file });
    ws.log.info(`${event.direction === 'up' ? 'Applying' : 'Rolling back'} ${file}${event.mode === 'as-written' ? ` statement by statement outside a transaction (${event.reason})` : ''}`);
  } else if (event.kind === 'statement') {
    ws.log.info(`  ${path.basename(event.file)}:${event.line}: ${event.sql.trim()}`);
  } else if (event.kind === 'index-progress') {
    // The Apply notification shows the build as the server reports it, every second.
    progress.report({ message: `${file}: ${formatIndexProgress(event.progress)}` });
  } else if (event.kind === 'warning') {
    ws.log.warn(`${file}: ${event.message}`);
    void vscode.window.showWarningMessage(`${file}: ${event.message}`);
  } else {
    ws.log.info(`${event.direction === 'up' ? 'Applied' : 'Rolled back'} ${file} (${Math.round(event.durationMs)} ms)`);
  }
}

function finish(ws: MigratorWorkspace, project: Project, request: RunRequest, result: RunResult, aborted: boolean): ActionOutcome {
  const completed = result.completed.map((c) => c.migration.version);
  const verb = request.plan.direction === 'up' ? 'applied' : 'rolled back';
  if (result.failure) {
    const f = result.failure;
    const cancelled = f.outcome === 'cancelled';
    const before = completed.length > 0 ? ` ${completed.length} migration(s) ${verb} before it stay ${verb}.` : '';
    // The message names the file; the notification names the line too, so the user knows where to look.
    const line = f.location?.line !== undefined ? ` (line ${f.location.line})` : '';
    const message = redactSecrets(cancelled ? `${request.title} was cancelled; ${path.basename(f.location?.file ?? '')} was rolled back.${before}` : `${f.message.replace(/\.$/, '')}${line}.${before}`);
    ws.log.error(formatUserError(f, project.session.dir));
    showWithLog(ws, cancelled ? 'warning' : 'error', message);
    return {
      status: cancelled ? 'cancelled' : 'failed',
      message,
      completed,
      failure: f.location && { file: f.location.file, line: f.location.line, column: f.location.column, sqlstate: f.sqlstate },
    };
  }
  if (result.plan.length === 0) {
    const message = request.plan.direction === 'up' ? 'Nothing to apply: every migration is applied.' : 'Nothing to roll back.';
    ws.log.info(message);
    void vscode.window.showInformationMessage(message);
    return { status: 'nothing', message, completed };
  }
  if (aborted && completed.length < result.plan.length) {
    const message = `${request.title} was cancelled after ${completed.length} of ${result.plan.length} migration(s); those stay ${verb}.`;
    ws.log.warn(message);
    showWithLog(ws, 'warning', message);
    return { status: 'cancelled', message, completed };
  }
  const message = `${completed.length} migration(s) ${verb} on ${ws.connections.label()}.`;
  ws.log.info(message);
  void vscode.window.showInformationMessage(message);
  return { status: 'done', message, completed };
}

/** Cancelled before anything ran (while waiting for the embedded database another process held). */
function cancelledBeforeRunning(ws: MigratorWorkspace, request: RunRequest, err: unknown): ActionOutcome {
  const reason = err instanceof Error ? err.message : String(err);
  const message = `${request.title} was cancelled before it started; nothing was changed (${reason}).`;
  ws.log.warn(message);
  void vscode.window.showWarningMessage(message);
  return { status: 'cancelled', message, completed: [] };
}

/** Refused by the planner (drift, out of order...), or the database could not be opened. */
function failedBeforeRunning(ws: MigratorWorkspace, project: Project, request: RunRequest, err: unknown): ActionOutcome {
  const text = formatUserError(err, project.session.dir);
  ws.log.error(text);
  if (!(err instanceof MigratorError) && err instanceof Error && err.stack) ws.log.trace(err.stack);
  const message = redactSecrets(`${request.title} failed: ${text.replace(/^error: /, '').split('\n')[0]}`);
  showWithLog(ws, 'error', message);
  const location = err instanceof MigratorError ? err.location : undefined;
  return { status: 'failed', message, completed: [], failure: location && { file: location.file, line: location.line, column: location.column } };
}

function showWithLog(ws: MigratorWorkspace, level: 'warning' | 'error', message: string): void {
  const show = level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  void show(message, 'Show Log').then((pick) => {
    if (pick) ws.log.show();
  });
}
