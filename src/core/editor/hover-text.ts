// What a hover on a finding says, as markdown: the finding, the checklist item it breaks, why it
// matters and how to fix it, then the docs page's worked example. Rule metadata alone is enough
// (the docs page adds to it when it is available), so a hover is never empty.
import type { Finding, RuleMeta } from '../lint/types';
import { CHECKLIST_ITEMS } from './checklist';
import { docsSection } from './rule-docs';

export interface HoverDocs {
  /** The rule's docs page, when it could be read. */
  markdown?: string;
  /** Link to the page as shown (a local file when shipped, else online). */
  pageUri: string;
  /** Base against which the page's links to sibling pages resolve (ends with '/'). */
  pageBase: string;
}

export function findingHoverMarkdown(finding: Finding, meta: RuleMeta | undefined, docs: HoverDocs): string {
  const parts: string[] = [];
  const item = `checklist item ${finding.checklistItem}: ${CHECKLIST_ITEMS[finding.checklistItem]}`;
  parts.push(`**${finding.severity}** [${finding.rule}](${docs.pageUri}) · ${item}`);
  parts.push(escapeMarkdown(finding.message));
  if (meta) parts.push(`**Why it matters.** ${escapeMarkdown(meta.rationale)}`);
  const fix = [finding.help && `${escapeMarkdown(capitalize(finding.help))}.`, finding.fix && `Quick fix: *${escapeMarkdown(finding.fix.title)}*.`]
    .filter(Boolean).join(' ');
  if (fix) parts.push(`**How to fix.** ${fix}`);
  const example = docs.markdown && docsSection(docs.markdown, 'solution', docs.pageBase);
  const howTo = docs.markdown && docsSection(docs.markdown, 'how to fix', docs.pageBase);
  if (example || howTo) parts.push('---', ...[example, howTo].filter((s): s is string => !!s));
  return parts.join('\n\n');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/\.$/, '');
}

/** Messages quote SQL (`vector(768)`, `*`, `_`): shown as text, not as markdown. */
function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
