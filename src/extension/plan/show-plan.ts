// "Show Plan": the deployment plan of one pending migration (everything `up --to` it would apply)
// or of the whole pending set, as a Markdown preview beside the editor. Planning only reads the
// database (one read-only transaction), so it needs a trusted workspace but no confirmation.
import * as path from 'path';
import * as vscode from 'vscode';
import { formatUserError } from '../../core/errors';
import { redactSecrets } from '../../core/db/redact';
import type { MigratorWorkspace, Project } from '../migrator-workspace';
import { CommandArg, projectFor, versionFor } from '../commands/arguments';
import { refuseUntrusted } from '../commands/run-action';
import { loadPlanCore } from './load';
import type { PlanDocuments } from './plan-documents';
import type { Plans } from './plans';

export interface ShowPlanOutcome {
  status: 'done' | 'nothing' | 'failed' | 'refused';
  message: string;
  /** The Markdown the preview shows. */
  markdown?: string;
  /** The document the preview renders. */
  uri?: string;
}

export interface PlanViews {
  plans: Plans;
  documents: PlanDocuments;
}

/** Show Plan from the view (a node), the editor title (the file's URI), a CodeLens or a test (options). */
export async function showPlan(ws: MigratorWorkspace, views: PlanViews, arg?: CommandArg | vscode.Uri, whole = false): Promise<ShowPlanOutcome> {
  const untrusted = refuseUntrusted(ws, 'Show Plan');
  if (untrusted) return { status: 'refused', message: untrusted.message };
  const target = await targetOf(ws, arg);
  if (!target.project) return { status: 'refused', message: 'No project: no workspace folder holds a pgvector-migrator.json.' };
  const { project } = target;
  const version = whole ? undefined : target.version;
  try {
    const core = await loadPlanCore();
    const plan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Planning ${version ? `up to ${version}` : 'the pending migrations'} on ${ws.connections.label()}` },
      () => views.plans.plan(project, version),
    );
    if (plan.migrations.length === 0) {
      const message = version ? `${version} is not pending: nothing to plan.` : 'Nothing to plan: every migration is applied.';
      void vscode.window.showInformationMessage(message);
      return { status: 'nothing', message };
    }
    const rel = (file: string) => path.relative(project.session.dir, file).split(path.sep).join('/');
    const markdown = core.renderPlanMarkdown(plan, rel);
    const uri = views.documents.set(project, version, markdown);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    const errors = plan.risks.filter((r) => r.severity === 'error').length;
    const message = `Plan of ${plan.migrations.length} migration(s): ${plan.totalEstimate ? core.formatEstimate(plan.totalEstimate) : 'not estimated'}${errors > 0 ? `, ${errors} error-level risk(s)` : ''}.`;
    ws.log.info(message);
    return { status: 'done', message, markdown, uri: uri.toString() };
  } catch (err) {
    const text = formatUserError(err, project.session.dir);
    ws.log.error(text);
    const message = redactSecrets(`Show Plan failed: ${text.replace(/^error: /, '').split('\n')[0]}`);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message };
  }
}

async function targetOf(ws: MigratorWorkspace, arg: CommandArg | vscode.Uri | undefined): Promise<{ project?: Project; version?: string }> {
  const uri = arg instanceof vscode.Uri ? arg : arg === undefined ? vscode.window.activeTextEditor?.document.uri : undefined;
  if (uri) {
    const project = ws.projectOf(uri.fsPath);
    const migration = project?.session.set?.migrations.find((m) => m.files.includes(uri.fsPath));
    return { project, version: migration?.version };
  }
  return { project: await projectFor(ws, arg as CommandArg), version: versionFor(arg as CommandArg) };
}
