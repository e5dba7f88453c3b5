// Completion, definition, references, symbols and rename for migration files (and completion,
// definition, references and hover in the architecture spec's SQL blocks): thin adapters over
// core/language, which answers from the schema model the lint session already built for the
// same text (no database involved). Spec offsets are those of the whole Markdown document. Offsets in the open document come from VS Code; locations in
// other files from the model's own copy of their text.
import * as os from 'os';
import * as vscode from 'vscode';
import type { CompletionKind, FileRange, ProjectModel, SchemaSymbol, SymbolKind } from '../../core/language';
import { loadLintCore } from '../lint/core';
import type { DocumentLinter } from '../lint/document-linter';
import type { MigratorWorkspace } from '../migrator-workspace';
import { uriOf } from '../uris';

const COMPLETION_KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  table: vscode.CompletionItemKind.Class,
  column: vscode.CompletionItemKind.Field,
  index: vscode.CompletionItemKind.Reference,
  constraint: vscode.CompletionItemKind.Reference,
  type: vscode.CompletionItemKind.TypeParameter,
  opclass: vscode.CompletionItemKind.EnumMember,
  method: vscode.CompletionItemKind.Method,
  parameter: vscode.CompletionItemKind.Property,
};

const SYMBOL_KINDS: Record<SymbolKind, vscode.SymbolKind> = {
  section: vscode.SymbolKind.Namespace,
  table: vscode.SymbolKind.Class,
  column: vscode.SymbolKind.Field,
  index: vscode.SymbolKind.Key,
  constraint: vscode.SymbolKind.Interface,
  extension: vscode.SymbolKind.Package,
  statement: vscode.SymbolKind.Event,
};

/** A range of the model's text of a file -> a Location in that file. */
async function location(model: ProjectModel, range: FileRange): Promise<vscode.Location | undefined> {
  const span = (await loadLintCore()).spanOf(model, range);
  if (!span) return undefined;
  return new vscode.Location(uriOf(range.file), new vscode.Range(span.line - 1, span.column - 1, span.endLine - 1, span.endColumn - 1));
}

export class SchemaCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly linter: DocumentLinter) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const model = await this.linter.modelFor(document);
    if (!model) return [];
    const core = await loadLintCore();
    return core.completionsAt(model, document.uri.fsPath, document.offsetAt(position)).map((e) => {
      const item = new vscode.CompletionItem(e.label, COMPLETION_KINDS[e.kind]);
      item.detail = e.detail;
      item.sortText = e.sortText;
      if (e.insertText) item.insertText = e.insertText;
      return item;
    });
  }
}

export class SchemaNavigation implements vscode.DefinitionProvider, vscode.ReferenceProvider {
  constructor(private readonly linter: DocumentLinter) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const model = await this.linter.modelFor(document);
    if (!model) return undefined;
    const core = await loadLintCore();
    const resolved = core.resolveAt(model, document.uri.fsPath, document.offsetAt(position));
    const def = resolved && core.definitionOf(resolved);
    if (!resolved || !def) return undefined;
    return location(model, core.nameRange(model, def, resolved.object.kind === 'index' ? resolved.object.index : undefined));
  }

  async provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[]> {
    const model = await this.linter.modelFor(document);
    if (!model) return [];
    const core = await loadLintCore();
    const resolved = core.resolveAt(model, document.uri.fsPath, document.offsetAt(position));
    if (!resolved) return [];
    const out = await Promise.all(core.referencesOf(model, resolved).map((r) => location(model, r)));
    return out.filter((l): l is vscode.Location => !!l);
  }
}

/** The schema part of the hover (the lint hover adds the findings under the cursor). */
export async function schemaHoverMarkdown(linter: DocumentLinter, document: vscode.TextDocument, position: vscode.Position): Promise<string | undefined> {
  const model = await linter.modelFor(document);
  if (!model) return undefined;
  const core = await loadLintCore();
  const resolved = core.resolveAt(model, document.uri.fsPath, document.offsetAt(position));
  return resolved && core.hoverMarkdown(model, resolved);
}

/** Hover in the spec's SQL blocks (in migration files the lint hover shows the same table). */
export class SpecHovers implements vscode.HoverProvider {
  constructor(private readonly linter: DocumentLinter) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const markdown = await schemaHoverMarkdown(this.linter, document, position);
    return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown)) : undefined;
  }
}

export class SchemaSymbols implements vscode.DocumentSymbolProvider, vscode.WorkspaceSymbolProvider {
  constructor(private readonly linter: DocumentLinter) {}

  async provideDocumentSymbols(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const model = await this.linter.modelFor(document);
    if (!model) return [];
    const core = await loadLintCore();
    const convert = (s: SchemaSymbol): vscode.DocumentSymbol => {
      const range = new vscode.Range(document.positionAt(s.range.start), document.positionAt(s.range.end));
      const selection = new vscode.Range(document.positionAt(s.selection.start), document.positionAt(s.selection.end));
      const symbol = new vscode.DocumentSymbol(s.name, s.detail, SYMBOL_KINDS[s.kind], range, range.contains(selection) ? selection : range);
      symbol.children = s.children.map(convert);
      return symbol;
    };
    return core.documentSymbols(model, document.uri.fsPath).map(convert);
  }

  async provideWorkspaceSymbols(query: string): Promise<vscode.SymbolInformation[]> {
    const core = await loadLintCore();
    const out: vscode.SymbolInformation[] = [];
    for (const model of await this.linter.allModels()) {
      for (const s of core.workspaceSymbols(model, query)) {
        const loc = await location(model, s.location);
        if (loc) out.push(new vscode.SymbolInformation(s.name, SYMBOL_KINDS[s.kind], s.container, loc));
      }
    }
    return out;
  }
}

export class SchemaRename implements vscode.RenameProvider {
  constructor(private readonly linter: DocumentLinter, private readonly ws?: MigratorWorkspace) {}

  async prepareRename(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Range> {
    const model = await this.linter.modelFor(document);
    const core = await loadLintCore();
    const resolved = model && core.resolveAt(model, document.uri.fsPath, document.offsetAt(position));
    if (!resolved || (resolved.object.kind !== 'table' && resolved.object.kind !== 'column')) {
      throw new Error('Only a table or column the migrations define can be renamed.');
    }
    return new vscode.Range(document.positionAt(resolved.token.start), document.positionAt(resolved.token.end));
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit> {
    const model = await this.linter.modelFor(document);
    if (!model) throw new Error('This file is not a migration of a pgvector Migrator project.');
    const core = await loadLintCore();
    const isApplied = await this.appliedVersions(document);
    const plan = core.planRename(model, document.uri.fsPath, document.offsetAt(position), newName, { isApplied, author: os.userInfo().username, now: new Date() });
    if (plan.kind === 'refused') throw new Error(plan.reason);
    const edit = new vscode.WorkspaceEdit();
    if (plan.kind === 'new-migration') {
      // The applied migration stays as the database ran it: the rename is a migration of its own.
      for (const f of plan.files) {
        const uri = uriOf(f.file);
        edit.createFile(uri, { ignoreIfExists: false, contents: Buffer.from(f.text, 'utf8') }, { label: plan.reason, needsConfirmation: false });
      }
      void vscode.window.showInformationMessage(plan.reason);
      return edit;
    }
    for (const e of plan.edits) {
      const loc = await location(model, e);
      if (loc) edit.replace(loc.uri, loc.range, e.newText);
    }
    return edit;
  }

  /** Versions the migrations view knows to be applied (read from the project's database when trusted). */
  private async appliedVersions(document: vscode.TextDocument): Promise<(version: string) => boolean> {
    const project = this.ws?.projectOf(document.uri.fsPath);
    if (!project) return () => false;
    await this.ws!.ensureStatus(project).catch(() => undefined);
    const applied = new Set(project.session.view().entries.filter((e) => e.state !== 'pending').map((e) => e.version));
    return (version) => applied.has(version);
  }
}
