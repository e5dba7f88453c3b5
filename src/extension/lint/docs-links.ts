// Where a rule's docs page is for the editor: the copy shipped in the extension (docs/rules/ in
// the VSIX), so the diagnostic's code link and the hover work offline; the public page otherwise.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HoverDocs } from '../../core/editor/hover-text';
import { readRuleDocs, ruleDocsUrl, RULE_DOCS_BASE_URL } from '../../core/editor/rule-docs';

export class RuleDocsLinks {
  private readonly docsDir: string;
  private shipped: boolean | undefined;

  constructor(private readonly extensionUri: vscode.Uri, extensionPath: string) {
    this.docsDir = path.join(extensionPath, 'docs', 'rules');
  }

  /** The page a diagnostic's `code` links to. */
  page(rule: string): vscode.Uri {
    return this.isShipped() ? vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${rule}.md`) : vscode.Uri.parse(ruleDocsUrl(rule));
  }

  /** The page's text and links, for the hover. */
  hoverDocs(rule: string): HoverDocs {
    const shipped = this.isShipped();
    return {
      markdown: shipped ? readRuleDocs(this.docsDir, rule) : undefined,
      pageUri: this.page(rule).toString(),
      pageBase: shipped ? `${vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules').toString()}/` : RULE_DOCS_BASE_URL,
    };
  }

  private isShipped(): boolean {
    this.shipped ??= fs.existsSync(this.docsDir);
    return this.shipped;
  }
}
