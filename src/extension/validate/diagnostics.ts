// Validation findings -> Problems entries on the migration that defines their table, column or
// index: Warning for a failed check, Information for one that could not run. Their own
// collection, apart from lint and run diagnostics; a project's entries are replaced by its next
// validation and dropped when the connection changes (they describe the database checked then).
import * as vscode from 'vscode';
import type { ValidationReport, CheckResult } from '../../core/validate/types';
import { targetOf } from '../../core/validate/render/summary';
import { uriOf } from '../uris';

export const VALIDATE_SOURCE = 'pgvector Migrator (validate)';

const SEVERITY: Record<Exclude<CheckResult['status'], 'pass'>, vscode.DiagnosticSeverity> = {
  fail: vscode.DiagnosticSeverity.Warning,
  error: vscode.DiagnosticSeverity.Information,
};

export class ValidationDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('pgvector Migrator: validate');
  /** The files each project's last validation put entries on. */
  private readonly files = new Map<string, vscode.Uri[]>();

  clear(projectDir: string): void {
    for (const uri of this.files.get(projectDir) ?? []) this.collection.delete(uri);
    this.files.delete(projectDir);
  }

  clearAll(): void {
    this.collection.clear();
    this.files.clear();
  }

  show(projectDir: string, report: ValidationReport): void {
    this.clear(projectDir);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const r of report.checks) {
      if (r.status === 'pass' || !r.file || !r.line) continue;
      byFile.set(r.file, [...(byFile.get(r.file) ?? []), toDiagnostic(r, r.status, r.line)]);
    }
    const uris = [...byFile].map(([file, diagnostics]) => {
      const uri = uriOf(file);
      this.collection.set(uri, diagnostics);
      return uri;
    });
    this.files.set(projectDir, uris);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function toDiagnostic(r: CheckResult, status: 'fail' | 'error', line: number): vscode.Diagnostic {
  // The whole defining line: the editor clamps the end to the line's length.
  const range = new vscode.Range(line - 1, 0, line - 1, Number.MAX_SAFE_INTEGER);
  const diagnostic = new vscode.Diagnostic(range, `${targetOf(r)}: ${r.message}`, SEVERITY[status]);
  diagnostic.source = VALIDATE_SOURCE;
  diagnostic.code = r.id;
  return diagnostic;
}
