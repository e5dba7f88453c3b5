// A rule's docs page (docs/rules/<id>.md): where it lives, online and beside the installed
// extension, and the parts of it a hover shows. The page ships in the VSIX, so hovers explain a
// finding without a network.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The public page of a rule, for readers without the extension (CI logs, SARIF, links shared). */
export const RULE_DOCS_BASE_URL = 'https://github.com/pgvector-migrator/pgvector-migrator/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}

/** The page's markdown from `docsDir` (the extension's docs/rules), or undefined when it is not there. */
export function readRuleDocs(docsDir: string, ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  try {
    return fs.readFileSync(path.join(docsDir, `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The body of the `## <heading>` section (case-insensitive), up to the next `## `, with links to
 * sibling pages (`./other-rule.md`) made absolute against `pageBase` so they work from a hover.
 */
export function docsSection(markdown: string, heading: string, pageBase: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (start === -1) return undefined;
  let end = start + 1;
  let inFence = false;
  for (; end < lines.length; end++) {
    if (/^\s*```/.test(lines[end])) inFence = !inFence;
    if (!inFence && /^##?\s/.test(lines[end])) break;
  }
  const body = lines.slice(start + 1, end).join('\n').trim();
  return body === '' ? undefined : body.replace(/\]\(\.\/([a-z0-9-]+\.md)(#[^)]*)?\)/g, (_, page: string, anchor = '') => `](${pageBase}${page}${anchor})`);
}
