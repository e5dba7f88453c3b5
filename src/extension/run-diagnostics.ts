// The failures of recent runs -> error diagnostics on the failing statements, with the server's
// message, SQLSTATE, detail and hint. Recomputed on every change, so a failure that no longer
// holds (the migration ran, or its file changed) loses its diagnostic.
import * as vscode from 'vscode';
import { reportFailure, failureText } from '../core/runner/failure-report';
import type { MigratorWorkspace } from './migrator-workspace';
import { uriOf } from './uris';

export const DIAGNOSTIC_SOURCE = 'pgvector Migrator (run)';

export class RunDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('pgvector-migrator-run');
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ws: MigratorWorkspace) {
    this.subscription = ws.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const project of this.ws.projects) {
      for (const remembered of project.session.lastFailures()) {
        const report = reportFailure(remembered.failure);
        const s = report.span;
        const range = new vscode.Range(s.startLine - 1, s.startColumn - 1, s.endLine - 1, s.endColumn - 1);
        const diagnostic = new vscode.Diagnostic(range, failureText(report), vscode.DiagnosticSeverity.Error);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        if (report.sqlstate) diagnostic.code = report.sqlstate;
        byFile.set(report.file, [...(byFile.get(report.file) ?? []), diagnostic]);
      }
    }
    this.collection.clear();
    for (const [file, diagnostics] of byFile) this.collection.set(uriOf(file), diagnostics);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
