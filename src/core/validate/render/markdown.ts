// The report as Markdown: a table per check, then each failure's remediation in a sql block.
import type { CheckResult, ValidationReport } from '../types';
import { CHECK_IDS } from '../types';
import { sampleText, summaryLine, targetOf } from './summary';

const ICON = { pass: 'pass', fail: '**FAIL**', error: '**ERROR**' } as const;

/** Text in a table cell: no line breaks, no pipes, no Markdown or HTML that would render. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1');
}

/** A fence longer than any run of backticks inside, so remediation SQL cannot close it early. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  return '`'.repeat(longest + 1);
}

export function renderReportMarkdown(report: ValidationReport, relative: (file: string) => string = (f) => f): string {
  const out = [`# Validation of ${cell(report.database)}`, '', summaryLine(report), ''];
  for (const id of CHECK_IDS) {
    const results = report.checks.filter((c) => c.id === id);
    if (results.length === 0) continue;
    out.push(`## ${id}`, '', '| Status | Target | Rows | Message | Sample |', '| --- | --- | ---: | --- | --- |');
    for (const r of results) {
      out.push(`| ${ICON[r.status]} | ${cell(targetOf(r))} | ${r.rows ?? ''} | ${cell(r.message)} | ${cell(sampleText(r.sample))} |`);
    }
    out.push('');
    for (const r of results.filter((x) => x.status !== 'pass' && (x.remediation || x.file))) out.push(...remediation(r, relative));
  }
  return out.join('\n');
}

function remediation(r: CheckResult, relative: (file: string) => string): string[] {
  const where = r.file ? ` (defined in ${cell(relative(r.file))}${r.line ? `:${r.line}` : ''})` : '';
  const out = [`**${cell(targetOf(r))}**${where}`, ''];
  if (r.remediation) {
    const f = fence(r.remediation);
    out.push(`${f}sql`, r.remediation, f, '');
  }
  return out;
}
