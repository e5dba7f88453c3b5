// Rule metadata and docs -> a hover on a finding's range: the message, the checklist item, why it
// matters and how to fix it (the text is composed in core, see hover-text.ts); under it, the table
// the cursor names as the migration history stands there.
import * as vscode from 'vscode';
import { schemaHoverMarkdown } from '../language/providers';
import { loadLintCore } from './core';
import { findingRange } from './diagnostics';
import type { DocumentLinter } from './document-linter';
import type { RuleDocsLinks } from './docs-links';

export class FindingHovers implements vscode.HoverProvider {
  constructor(private readonly linter: DocumentLinter, private readonly links: RuleDocsLinks) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = this.linter.findingsAt(document, position);
    const embedding = this.linter.embeddingAt(document, position);
    const schema = await schemaHoverMarkdown(this.linter, document, position).catch(() => undefined);
    if (found.length === 0 && !schema && !embedding) return undefined;
    const core = await loadLintCore();
    const text = found.map((f) => core.findingHoverMarkdown(f.finding, core.ruleMeta(f.finding.rule), this.links.hoverDocs(f.finding.rule)));
    // The column's model first (a finding is about how the column differs from it), then the
    // findings (they ask for action), then the table as the history stands at this line.
    if (embedding) text.unshift(embedding.text);
    if (schema) text.push(schema);
    return new vscode.Hover(new vscode.MarkdownString(text.join('\n\n---\n\n')), found[0] ? findingRange(found[0]) : embedding?.range);
  }
}
