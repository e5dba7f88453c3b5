// A hover on a schema finding, in SQL and Markdown files alike: the message, the checklist item,
// why it matters and how to fix it (composed by core, as for lint findings), then for
// query-pattern-unindexed the query plan PostgreSQL chose, then the docs page's worked example.
import * as vscode from 'vscode';
import { findingHoverMarkdown } from '../../core/editor/hover-text';
import { docsSection } from '../../core/editor/rule-docs';
import type { SchemaFinding } from '../../core/schema/rules';
import { findingRange, SchemaDiagnostics } from './diagnostics';
import type { SchemaDocsLinks } from './docs-links';

export const SCHEMA_HOVER_FILES: vscode.DocumentSelector = [{ language: 'sql' }, { pattern: '**/*.sql' }, { language: 'markdown' }, { pattern: '**/*.md' }];

export class SchemaHovers implements vscode.HoverProvider {
  constructor(private readonly diagnostics: SchemaDiagnostics, private readonly links: SchemaDocsLinks) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = this.diagnostics.findingsAt(document.uri, position);
    if (found.length === 0) return undefined;
    const text = found.map((f) => this.markdown(f));
    return new vscode.Hover(new vscode.MarkdownString(text.join('\n\n---\n\n')), findingRange(found[0]));
  }

  private markdown(f: SchemaFinding): string {
    const docs = this.links.hoverDocs(f.rule);
    // The worked example goes last, after the plan: the plan is what this finding is about.
    const parts = [findingHoverMarkdown(f, this.links.meta(f.rule), { ...docs, markdown: undefined })];
    if (f.detail) parts.push(`**Query plan** (on the migrated schema, sequential scans disabled):\n\n${fenced(f.detail)}`);
    const examples = ['solution', 'how to fix'].map((h) => docs.markdown && docsSection(docs.markdown, h, docs.pageBase)).filter((s): s is string => !!s);
    if (examples.length > 0) parts.push('---', ...examples);
    return parts.join('\n\n');
  }
}

/** A fence longer than any backtick run inside the text. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
