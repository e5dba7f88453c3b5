// The report as one self-contained HTML page for a webview: inline styles, no scripts, no
// external resources, every text escaped. Each remediation has a button carrying its SQL in a
// data attribute, so the editor's own script can open it in an editor. No CSP meta here: the
// webview sets its own, with the nonce of the script it adds.
import type { CheckResult, ValidationReport } from '../types';
import { CHECK_IDS } from '../types';
import { sampleText, summaryLine, targetOf } from './summary';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const STYLE = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); color: var(--vscode-foreground, #222); background: var(--vscode-editor-background, #fff); margin: 1em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid var(--vscode-panel-border, #ccc); padding: 4px 8px; text-align: left; vertical-align: top; }
td.rows { text-align: right; }
.status-pass { color: var(--vscode-testing-iconPassed, #1a7f37); }
.status-fail { color: var(--vscode-errorForeground, #cf222e); font-weight: bold; }
.status-error { color: var(--vscode-editorWarning-foreground, #9a6700); font-weight: bold; }
pre { background: var(--vscode-textCodeBlock-background, #f6f8fa); padding: 8px; overflow-x: auto; margin: 4px 0; }
`;

export function renderReportHtml(report: ValidationReport, relative: (file: string) => string = (f) => f): string {
  const sections = CHECK_IDS.map((id) => {
    const results = report.checks.filter((c) => c.id === id);
    return results.length === 0 ? '' : section(id, results, relative);
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Validation of ${escapeHtml(report.database)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Validation of ${escapeHtml(report.database)}</h1>
<p class="summary">${escapeHtml(summaryLine(report))}</p>
${sections}
</body>
</html>
`;
}

function section(id: string, results: CheckResult[], relative: (file: string) => string): string {
  const rows = results.map((r) => row(r, relative)).join('\n');
  return `<section id="check-${escapeHtml(id)}" data-check="${escapeHtml(id)}">
<h2>${escapeHtml(id)}</h2>
<table>
<thead><tr><th>Status</th><th>Target</th><th>Rows</th><th>Message</th><th>Sample</th><th>Remediation</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function row(r: CheckResult, relative: (file: string) => string): string {
  const where = r.file
    ? `<div class="location" data-file="${escapeHtml(relative(r.file))}" data-line="${r.line ?? ''}">${escapeHtml(relative(r.file))}${r.line ? `:${r.line}` : ''}</div>`
    : '';
  const fix = r.remediation
    ? `<pre><code>${escapeHtml(r.remediation)}</code></pre><button type="button" class="open-remediation" data-check="${escapeHtml(r.id)}" data-remediation="${escapeHtml(r.remediation)}">Open SQL</button>`
    : '';
  return `<tr class="status-${r.status}" data-check="${escapeHtml(r.id)}" data-status="${r.status}">
<td class="status-${r.status}">${r.status}</td>
<td>${escapeHtml(targetOf(r))}${where}</td>
<td class="rows">${r.rows ?? ''}</td>
<td>${escapeHtml(r.message)}</td>
<td>${escapeHtml(sampleText(r.sample))}</td>
<td>${fix}</td>
</tr>`;
}
