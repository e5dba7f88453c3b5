// "Validate Database": runs the integrity checks of core/validate against the project's current
// connection (a configured server or the embedded database), under a progress notification whose
// Cancel aborts the core's signal. Validation only reads, inside read-only transactions, so unlike
// Apply and Roll back it needs no production confirmation; it still needs a trusted workspace and
// waits its turn on the project's one connection. The report goes to its panel, findings that
// point at a migration to the Problems panel, the summary to the log and a notification.
import * as path from 'path';
import * as vscode from 'vscode';
import type { ValidationReport } from '../../core/validate/types';
import { summaryLine, targetOf, tally } from '../../core/validate/render/summary';
import { formatUserError, MigratorError } from '../../core/errors';
import { redactSecrets } from '../../core/db/redact';
import type { MigratorWorkspace, Project } from '../migrator-workspace';
import { CommandArg, projectFor } from '../commands/arguments';
import { refuseUntrusted } from '../commands/run-action';
import type { ValidationDiagnostics } from './diagnostics';
import type { ReportPanels } from './report-panels';
import { loadValidateCore } from './load';

/** What Validate did, returned to its caller (tests call the command and read this). */
export interface ValidateOutcome {
  /** done: the report is complete, whatever it found; failed: validation could not run. */
  status: 'done' | 'failed' | 'cancelled' | 'refused';
  /** The sentence the user was shown. */
  message: string;
  report?: ValidationReport;
}

export interface ValidationViews {
  diagnostics: ValidationDiagnostics;
  reports: ReportPanels;
}

export async function validateCommand(ws: MigratorWorkspace, views: ValidationViews, arg?: CommandArg): Promise<ValidateOutcome> {
  const untrusted = refuseUntrusted(ws, 'Validate');
  if (untrusted) return { status: 'refused', message: untrusted.message };
  const project = await projectFor(ws, arg);
  if (!project) return { status: 'refused', message: 'No project: no workspace folder holds a pgvector-migrator.json.' };
  if (project.running) {
    const message = `Validate was not started: another action is running on ${project.folder.name}.`;
    void vscode.window.showWarningMessage(message);
    return { status: 'refused', message };
  }
  const abort = new AbortController();
  project.running = abort;
  // Findings of the last run describe the database as it was then: gone as soon as a new run starts.
  views.diagnostics.clear(project.session.dir);
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Validating ${ws.connections.label()}`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        return validateOn(ws, project, abort.signal, progress);
      },
    );
    return finish(ws, views, project, report);
  } catch (err) {
    // Cancelled while the catalog was read (waiting for a lock, say): core reports the cancelled
    // statement as an error, but the user asked to stop, and that is what happened.
    if (abort.signal.aborted) return cancelledEarly(ws, err);
    return failed(ws, project, err);
  } finally {
    project.running = undefined;
    ws.fire();
  }
}

async function validateOn(ws: MigratorWorkspace, project: Project, signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>): Promise<ValidationReport> {
  ws.log.info(`Validate in ${project.folder.name} on ${ws.connections.label()} (${ws.connections.describe()}), read-only`);
  // Importing core/validate registers its config keys: load it before reading the config.
  const core = await loadValidateCore();
  project.session.reloadFiles();
  const loaded = project.session.project;
  if (!loaded) throw new Error(project.session.view().configError ?? `the config of ${project.folder.name} could not be read`);
  let percent = 0;
  return ws.pool.use(project.session.dir, (db) => core.validateProject(db, loaded, {
    signal,
    onProgress: ({ done, total, message }) => {
      const now = total > 0 ? (done / total) * 100 : 0;
      progress.report({ message: `${message} (${done}/${total})`, increment: now - percent });
      percent = now;
    },
  }), ws.openContext(project, { signal, onWait: (held) => progress.report({ message: `waiting for the embedded database: in use by ${held.description}` }) }));
}

function finish(ws: MigratorWorkspace, views: ValidationViews, project: Project, report: ValidationReport): ValidateOutcome {
  views.diagnostics.show(project.session.dir, report);
  views.reports.show(project, report);
  const relative = (file: string) => path.relative(project.session.dir, file).split(path.sep).join('/');
  for (const r of report.checks.filter((c) => c.status !== 'pass')) {
    const where = r.file ? ` (${relative(r.file)}${r.line ? `:${r.line}` : ''})` : '';
    ws.log.warn(`${r.status === 'fail' ? 'failed' : 'could not run'}: ${r.id} on ${targetOf(r)}${where}: ${r.message}`);
  }
  ws.log.info(summaryLine(report));
  const message = notification(report);
  const t = tally(report);
  const show = report.cancelled || t.fail + t.error > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, 'Show report').then((pick) => {
    if (pick) views.reports.reveal(project);
  });
  return { status: report.cancelled ? 'cancelled' : 'done', message, report };
}

/** "Validate: 2 checks failed, 11 passed"; the noun goes with the first count only. */
export function notification(report: ValidationReport): string {
  const t = tally(report);
  const counts: [number, string][] = [[t.fail, 'failed'], [t.error, 'could not run'], [t.pass, 'passed']];
  const parts = counts.filter(([n, what]) => n > 0 || what === 'passed')
    .map(([n, what], i) => (i === 0 ? `${n} ${n === 1 ? 'check' : 'checks'} ${what}` : `${n} ${what}`));
  if (report.cancelled) return `Validate was cancelled; of the checks that finished, ${parts.join(', ')}`;
  if (t.fail + t.error === 0) return `Validate: all ${t.pass} checks passed`;
  return `Validate: ${parts.join(', ')}`;
}

function cancelledEarly(ws: MigratorWorkspace, err: unknown): ValidateOutcome {
  ws.log.trace(`Validate stopped by Cancel: ${err instanceof Error ? err.message : String(err)}`);
  const message = 'Validate was cancelled before any check finished.';
  ws.log.warn(message);
  void vscode.window.showWarningMessage(message);
  return { status: 'cancelled', message };
}

/** The database could not be opened or its catalog read, or the config is wrong. */
function failed(ws: MigratorWorkspace, project: Project, err: unknown): ValidateOutcome {
  const text = formatUserError(err, project.session.dir);
  ws.log.error(text);
  if (!(err instanceof MigratorError) && err instanceof Error && err.stack) ws.log.trace(err.stack);
  const message = redactSecrets(`Validate failed: ${text.replace(/^error: /, '').split('\n')[0]}`);
  void vscode.window.showErrorMessage(message, 'Show Log').then((pick) => {
    if (pick) ws.log.show();
  });
  return { status: 'failed', message };
}
