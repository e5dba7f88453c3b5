// Language features for migration files, from the schema the history builds (no database).
import * as vscode from 'vscode';
import type { DocumentLinter } from '../lint/document-linter';
import type { MigratorWorkspace } from '../migrator-workspace';
import { SchemaCompletions, SchemaNavigation, SchemaRename, SchemaSymbols } from './providers';

const SQL_FILES: vscode.DocumentSelector = [{ language: 'sql' }, { pattern: '**/*.sql' }];

export function registerLanguageFeatures(context: vscode.ExtensionContext, linter: DocumentLinter, ws?: MigratorWorkspace): void {
  const navigation = new SchemaNavigation(linter);
  const symbols = new SchemaSymbols(linter);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(SQL_FILES, new SchemaCompletions(linter), ' ', '(', ',', '.'),
    vscode.languages.registerDefinitionProvider(SQL_FILES, navigation),
    vscode.languages.registerReferenceProvider(SQL_FILES, navigation),
    vscode.languages.registerDocumentSymbolProvider(SQL_FILES, symbols, { label: 'pgvector Migrator' }),
    vscode.languages.registerWorkspaceSymbolProvider(symbols),
    vscode.languages.registerRenameProvider(SQL_FILES, new SchemaRename(linter, ws)),
  );
}
