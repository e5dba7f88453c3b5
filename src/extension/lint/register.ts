// Lint and format in the editor: diagnostics on migration files as you type, hovers that explain
// them, quick fixes, and Format Document. Registration is cheap; the parser and the rules load
// when the first SQL document of a project is seen (see core.ts).
import * as vscode from 'vscode';
import { FindingCodeActions } from './code-actions';
import { DocumentLinter, LintLog } from './document-linter';
import { RuleDocsLinks } from './docs-links';
import { MigrationFormatter } from './formatting';
import { FindingHovers } from './hover';

const SQL_FILES: vscode.DocumentSelector = [{ language: 'sql' }, { pattern: '**/*.sql' }];

/** Returns the linter, whose schema model the language features query. */
export function registerLintFeatures(context: vscode.ExtensionContext, log?: LintLog): DocumentLinter {
  const links = new RuleDocsLinks(context.extensionUri, context.extensionPath);
  const linter = new DocumentLinter(links, log);
  const formatter = new MigrationFormatter();
  context.subscriptions.push(
    linter,
    vscode.languages.registerHoverProvider(SQL_FILES, new FindingHovers(linter, links)),
    vscode.languages.registerCodeActionsProvider(SQL_FILES, new FindingCodeActions(linter), {
      providedCodeActionKinds: FindingCodeActions.providedCodeActionKinds,
    }),
    vscode.languages.registerDocumentFormattingEditProvider(SQL_FILES, formatter),
    vscode.languages.registerDocumentRangeFormattingEditProvider(SQL_FILES, formatter),
  );
  return linter;
}
