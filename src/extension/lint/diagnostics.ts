// A finding -> a Diagnostic: same range, message and severity; `code` names the rule and links to
// its docs page (the Problems view and the hover show it as a link).
import * as vscode from 'vscode';
import type { EditorFinding } from '../../core/editor/lint-session';
import type { RuleDocsLinks } from './docs-links';

/** Tells our diagnostics from the run diagnostics and other extensions'. */
export const LINT_SOURCE = 'pgvector Migrator';

const SEVERITY: Record<EditorFinding['finding']['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function findingRange(f: EditorFinding): vscode.Range {
  const x = f.finding;
  return new vscode.Range(x.line - 1, x.column - 1, x.endLine - 1, x.endColumn - 1);
}

export function toDiagnostic(f: EditorFinding, links: RuleDocsLinks): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(findingRange(f), f.finding.message, SEVERITY[f.finding.severity]);
  diagnostic.source = LINT_SOURCE;
  diagnostic.code = { value: f.finding.rule, target: links.page(f.finding.rule) };
  return diagnostic;
}

/** Whether `diagnostic` is the one built from `f` (code actions receive copies, not our objects). */
export function isDiagnosticOf(diagnostic: vscode.Diagnostic, f: EditorFinding): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return diagnostic.source === LINT_SOURCE && code === f.finding.rule && diagnostic.message === f.finding.message && diagnostic.range.isEqual(findingRange(f));
}
