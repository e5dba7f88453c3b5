// A core fix (edits with 1-based spans, by absolute path) -> one WorkspaceEdit. Edits to the
// document at hand use its own URI; others go through the workspace folder's URI (uris.ts).
import * as vscode from 'vscode';
import type { EditorFix } from '../../core/editor/lint-session';
import { uriOf } from '../uris';

export function toWorkspaceEdit(fix: EditorFix, document: vscode.TextDocument): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    const uri = e.file === document.uri.fsPath ? document.uri : uriOf(e.file);
    const range = new vscode.Range(e.span.line - 1, e.span.column - 1, e.span.endLine - 1, e.span.endColumn - 1);
    edit.replace(uri, range, e.newText);
  }
  return edit;
}
