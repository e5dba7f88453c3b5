// What the validation part adds to the extension's API: the last report, the report panel's HTML
// as its webview holds it, and the panel's message handler, so a test can do what a click on
// "Open SQL" in the webview does (a test cannot reach into the webview's page).
import * as vscode from 'vscode';
import type { ValidationReport } from '../../core/validate/types';
import type { MigratorWorkspace } from '../migrator-workspace';
import type { ReportPanels } from './report-panels';

export interface ValidationApi {
  /** The last report of the project holding `project` (a path), or of the only project. */
  lastReport(project?: string): ValidationReport | undefined;
  /** The HTML the project's report panel shows; undefined while no panel is open. */
  reportHtml(project?: string): string | undefined;
  /** Hands `message` to the report panel's handler, as its webview's script posts it; the document it opened, if any. */
  postFromReport(message: unknown, project?: string): Promise<vscode.TextDocument | undefined>;
}

export function validationApi(ws: MigratorWorkspace, reports: ReportPanels): ValidationApi {
  const dirOf = (project?: string) => (project ? ws.projectOf(project) : ws.projects[0])?.session.dir ?? '';
  return {
    lastReport: (project) => reports.lastReport(dirOf(project)),
    reportHtml: (project) => reports.panel(dirOf(project))?.panel.webview.html,
    postFromReport: async (message, project) => reports.panel(dirOf(project))?.receive(message),
  };
}
