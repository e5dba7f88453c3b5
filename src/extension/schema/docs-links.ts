// Where a schema rule's docs are: the rules with a page of their own (docs/rules/<id>.md) link
// as lint's do, shipped with the extension; scratch-apply-failed is a section of
// docs/schema-truth.md, which the VSIX does not carry, so it links to the public page.
// The rules' metadata comes from the loaded schema core, never a static import: core/schema/rules
// pulls in the statement splitter and with it the WebAssembly parser, which would then load with
// the extension's bundle instead of on the first check.
import * as vscode from 'vscode';
import type { HoverDocs } from '../../core/editor/hover-text';
import { RULE_DOCS_BASE_URL } from '../../core/editor/rule-docs';
import type { RuleMeta } from '../../core/lint/types';
import type { RuleDocsLinks } from '../lint/docs-links';
import { loadedSchemaCore } from './load';

/** A schema rule's metadata; there are findings to link or hover only once a check loaded the core. */
function ruleMeta(rule: string): RuleMeta | undefined {
  return loadedSchemaCore()?.SCHEMA_RULES.find((m) => m.id === rule);
}

const REPO_BASE_URL = RULE_DOCS_BASE_URL.replace(/docs\/rules\/$/, '');

export class SchemaDocsLinks {
  constructor(private readonly rules: RuleDocsLinks) {}

  meta(rule: string): RuleMeta | undefined {
    return ruleMeta(rule);
  }

  /** The page a diagnostic's `code` links to. */
  page(rule: string): vscode.Uri {
    return hasOwnPage(rule) ? this.rules.page(rule) : vscode.Uri.parse(this.publicUrl(rule));
  }

  hoverDocs(rule: string): HoverDocs {
    if (hasOwnPage(rule)) return this.rules.hoverDocs(rule);
    return { pageUri: this.publicUrl(rule), pageBase: RULE_DOCS_BASE_URL };
  }

  private publicUrl(rule: string): string {
    const docs = ruleMeta(rule)?.docs;
    return docs ? `${REPO_BASE_URL}${docs}` : `${RULE_DOCS_BASE_URL}${rule}.md`;
  }
}

function hasOwnPage(rule: string): boolean {
  const docs = ruleMeta(rule)?.docs;
  return docs === undefined || docs === `docs/rules/${rule}.md`;
}
