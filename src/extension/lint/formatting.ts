// Format Document / Format Selection for SQL files: core's statement-by-statement edits (header,
// markers and comments untouched) -> TextEdits, with the editor's indentation settings.
import * as vscode from 'vscode';
import { loadFormatCore } from './core';

type KeywordCase = 'preserve' | 'upper' | 'lower';

export class MigrationFormatter implements vscode.DocumentFormattingEditProvider, vscode.DocumentRangeFormattingEditProvider {
  provideDocumentFormattingEdits(document: vscode.TextDocument, options: vscode.FormattingOptions): Promise<vscode.TextEdit[]> {
    return this.edits(document, options);
  }

  provideDocumentRangeFormattingEdits(document: vscode.TextDocument, range: vscode.Range, options: vscode.FormattingOptions): Promise<vscode.TextEdit[]> {
    return this.edits(document, options, range);
  }

  private async edits(document: vscode.TextDocument, options: vscode.FormattingOptions, within?: vscode.Range): Promise<vscode.TextEdit[]> {
    const core = await loadFormatCore();
    const keywordCase = vscode.workspace.getConfiguration('pgvectorMigrator', document.uri).get<KeywordCase>('format.keywordCase', 'preserve');
    const edits = core.formatMigrationEdits(document.getText(), { tabWidth: options.tabSize, useTabs: !options.insertSpaces, keywordCase });
    return edits
      .map((e) => vscode.TextEdit.replace(new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText))
      .filter((e) => !within || within.intersection(e.range) !== undefined);
  }
}
