// Rule metadata and docs -> a hover on a finding's range: the message, the checklist item, why it
// matters and how to fix it (the text is composed in core, see hover-text.ts).
import * as vscode from 'vscode';
import { loadLintCore } from './core';
import { findingRange } from './diagnostics';
import type { DocumentLinter } from './document-linter';
import type { RuleDocsLinks } from './docs-links';

export class FindingHovers implements vscode.HoverProvider {
  constructor(private readonly linter: DocumentLinter, private readonly links: RuleDocsLinks) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = this.linter.findingsAt(document, position);
    const embedding = this.linter.embeddingAt(document, position);
    if (found.length === 0) return embedding && new vscode.Hover(new vscode.MarkdownString(embedding.text), embedding.range);
    const core = await loadLintCore();
    const text = found.map((f) => core.findingHoverMarkdown(f.finding, core.ruleMeta(f.finding.rule), this.links.hoverDocs(f.finding.rule)));
    // The column's model goes first: the finding is about how the column differs from it.
    if (embedding) text.unshift(embedding.text);
    return new vscode.Hover(new vscode.MarkdownString(text.join('\n\n---\n\n')), findingRange(found[0]));
  }
}
