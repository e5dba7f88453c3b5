// Quick fixes for our diagnostics, as in the code-actions sample: for each diagnostic VS Code hands
// over, the rule's fix (preferred: each rule offers one obvious fix) and the
// disable-next-line comment, each one WorkspaceEdit.
import * as vscode from 'vscode';
import type { EditorFix } from '../../core/editor/lint-session';
import type { DocumentLinter } from './document-linter';
import { toWorkspaceEdit } from './edits';

export class FindingCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly linter: DocumentLinter) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const found = this.linter.findingOf(document, diagnostic);
      if (!found) continue;
      if (found.fix) actions.push(quickFix(found.fix, diagnostic, document, true));
      for (const declaration of found.declarations ?? []) actions.push(quickFix(declaration, diagnostic, document, false));
      if (found.disable) actions.push(quickFix(found.disable, diagnostic, document, false));
    }
    return actions;
  }
}

function quickFix(fix: EditorFix, diagnostic: vscode.Diagnostic, document: vscode.TextDocument, preferred: boolean): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = toWorkspaceEdit(fix, document);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  return action;
}
