// Language features over the schema model the migration history builds (see project-model.ts).
import type { Span } from '../editor/lint-session';
import type { FileRange } from './navigation';
import type { ProjectModel } from './project-model';

export { completionsAt } from './completion';
export type { CompletionEntry, CompletionKind } from './completion';
export { definitionOf, hoverMarkdown, nameRange, referencesOf, resolveAt } from './navigation';
export type { FileRange, Resolved, SchemaObject } from './navigation';
export { ProjectModel } from './project-model';
export { planRename } from './rename';
export type { RenameEdit, RenamePlan } from './rename';
export { documentSymbols, workspaceSymbols } from './symbols';
export type { SchemaSymbol, SymbolKind, WorkspaceSymbol } from './symbols';

/** 1-based line/column of a range in a file of the model (its parsed text, unsaved edits included). */
export function spanOf(model: ProjectModel, range: FileRange): Span | undefined {
  const lines = model.lines(range.file);
  if (!lines) return undefined;
  const start = lines.positionAt(range.start);
  const end = lines.positionAt(range.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
