// Language features for migration files, and for the SQL blocks of each project's architecture
// spec, from the schema the history builds (no database).
import * as path from 'path';
import * as vscode from 'vscode';
import type { DocumentLinter } from '../lint/document-linter';
import type { MigratorWorkspace } from '../migrator-workspace';
import { specFile } from '../schema/project-files';
import { SchemaCompletions, SchemaNavigation, SchemaRename, SchemaSymbols, SpecHovers } from './providers';

const SQL_FILES: vscode.DocumentSelector = [{ language: 'sql' }, { pattern: '**/*.sql' }];
const TRIGGERS = [' ', '(', ',', '.'];

export function registerLanguageFeatures(context: vscode.ExtensionContext, linter: DocumentLinter, ws?: MigratorWorkspace): void {
  const completions = new SchemaCompletions(linter);
  const navigation = new SchemaNavigation(linter);
  const symbols = new SchemaSymbols(linter);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(SQL_FILES, completions, ...TRIGGERS),
    vscode.languages.registerDefinitionProvider(SQL_FILES, navigation),
    vscode.languages.registerReferenceProvider(SQL_FILES, navigation),
    vscode.languages.registerDocumentSymbolProvider(SQL_FILES, symbols, { label: 'pgvector Migrator' }),
    vscode.languages.registerWorkspaceSymbolProvider(symbols),
    vscode.languages.registerRenameProvider(SQL_FILES, new SchemaRename(linter, ws)),
  );
  if (!ws) return;
  // The spec's path is each project's config: registered again when a config names another file.
  const hovers = new SpecHovers(linter);
  let registered: { key: string; disposable: vscode.Disposable } | undefined;
  const register = () => {
    const files = specFiles(ws);
    const key = files.join('\n');
    if (registered?.key === key) return;
    const specs = files.map((f): vscode.DocumentFilter => ({ language: 'markdown', pattern: new vscode.RelativePattern(path.dirname(f), path.basename(f)) }));
    registered?.disposable.dispose();
    registered = {
      key,
      disposable: vscode.Disposable.from(
        vscode.languages.registerCompletionItemProvider(specs, completions, ...TRIGGERS),
        vscode.languages.registerDefinitionProvider(specs, navigation),
        vscode.languages.registerReferenceProvider(specs, navigation),
        vscode.languages.registerHoverProvider(specs, hovers),
      ),
    };
  };
  register();
  context.subscriptions.push(ws.onDidChange(register), { dispose: () => registered?.disposable.dispose() });
}

/** Each project's architecture spec (the config's architectureSpec), absolute. */
function specFiles(ws: MigratorWorkspace): string[] {
  return ws.projects.flatMap((p) => (p.session.project ? [specFile(p.session.project)] : []));
}
