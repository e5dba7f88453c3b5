// The fix of vector-type-change-in-place: writes the model change's migrations (core's scaffold,
// see core/editor/model-change-fix.ts), then takes the in-place statement out of the open
// document (unsaved, so it can be undone) and opens the first new migration. A command rather
// than an edit, since the scaffold writes files.
import * as vscode from 'vscode';
import type { EditorModelChange } from '../../core/editor/lint-session';
import { formatUserError } from '../../core/errors';
import { uriOf } from '../uris';
import type { DocumentLinter } from './document-linter';
import { toWorkspaceEdit } from './edits';

export const WRITE_MODEL_CHANGE = 'pgvectorMigrator.writeModelChange';

export interface ModelChangeArgs {
  uri: string;
  /** The document version the finding was computed for: the statement's offsets hold for it only. */
  version: number;
  change: EditorModelChange;
}

export function modelChangeAction(change: EditorModelChange, diagnostic: vscode.Diagnostic, document: vscode.TextDocument): vscode.CodeAction {
  const action = new vscode.CodeAction(change.offer.title, vscode.CodeActionKind.QuickFix);
  const args: ModelChangeArgs = { uri: document.uri.toString(), version: document.version, change };
  action.command = { command: WRITE_MODEL_CHANGE, title: change.offer.title, arguments: [args] };
  action.diagnostics = [diagnostic];
  return action;
}

/** Returns the created files (none when it failed or the document changed since). */
export async function writeModelChangeCommand(linter: DocumentLinter, args: ModelChangeArgs): Promise<string[]> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri);
  if (!document || document.version !== args.version) {
    void vscode.window.showWarningMessage('The migration changed since the quick fix was offered: open the quick fixes again.');
    return [];
  }
  try {
    const author = vscode.workspace.getConfiguration('pgvectorMigrator').get<string>('author') || 'unknown';
    const files = await linter.writeModelChange(document, args.change, author);
    if (args.change.removal) await vscode.workspace.applyEdit(toWorkspaceEdit(args.change.removal, document));
    await vscode.window.showTextDocument(uriOf(files[0]));
    return files;
  } catch (err) {
    void vscode.window.showErrorMessage(formatUserError(err, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '').replace(/^error: /, ''));
    return [];
  }
}
