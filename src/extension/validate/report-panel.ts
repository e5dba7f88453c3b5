// A validation report -> a webview panel, one per project, reused and revealed on the next run.
// The page is core's renderReportHtml inside a strict CSP; its script posts one message, "open
// this remediation", which becomes a new untitled SQL editor. Nothing is ever run from here.
import * as path from 'path';
import * as vscode from 'vscode';
import type { ValidationReport } from '../../core/validate/types';
import { renderReportHtml } from '../../core/validate/render/html';
import type { Log } from '../log';
import { isOpenRemediationMessage, webviewDocument } from './webview-document';

export const REPORT_VIEW_TYPE = 'pgvectorMigrator.validationReport';

export class ReportPanel implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  private constructor(readonly panel: vscode.WebviewPanel, private readonly projectDir: string, private readonly log: Log, public report: ValidationReport) {
    this.subscriptions.push(panel.webview.onDidReceiveMessage((message) => void this.receive(message)));
  }

  static create(projectName: string, projectDir: string, log: Log, report: ValidationReport): ReportPanel {
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, `Validation: ${projectName}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      // The page loads nothing: its styles are inline and the CSP forbids the rest.
      localResourceRoots: [],
    });
    const shown = new ReportPanel(panel, projectDir, log, report);
    shown.render(report);
    return shown;
  }

  render(report: ValidationReport): void {
    this.report = report;
    const relative = (file: string) => path.relative(this.projectDir, file).split(path.sep).join('/');
    this.panel.webview.html = webviewDocument(renderReportHtml(report, relative), this.panel.webview.cspSource);
  }

  /**
   * Handles a message from the page. Only a remediation of the report on show is opened, so a
   * stale or forged message cannot put other text in front of the user as ours.
   */
  async receive(message: unknown): Promise<vscode.TextDocument | undefined> {
    if (!isOpenRemediationMessage(message)) return undefined;
    const known = this.report.checks.some((c) => c.id === message.check && c.remediation === message.sql);
    if (!known) {
      this.log.warn(`Ignored a request from the validation report to open SQL that is not one of its remediations (${message.check}).`);
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'sql', content: message.sql });
    // Beside the report, so the report stays in view while the SQL is read or edited.
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return document;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.panel.dispose();
  }
}
