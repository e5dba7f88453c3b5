// The report for a terminal: failures and errors in full (message, location, sample,
// remediation), passes one line each, then the tally.
import type { CheckResult, ValidationReport } from '../types';
import { sampleText, summaryLine, targetOf } from './summary';

const LABEL = { pass: 'PASS ', fail: 'FAIL ', error: 'ERROR' } as const;

export function renderReportText(report: ValidationReport, relative: (file: string) => string = (f) => f): string {
  const lines = [`Validated ${report.database}`, ''];
  const idWidth = Math.max(...report.checks.map((c) => c.id.length), 0);
  const order = [...report.checks.filter((c) => c.status !== 'pass'), ...report.checks.filter((c) => c.status === 'pass')];
  for (const r of order) {
    const rows = r.rows !== null && r.status === 'fail' ? `  ${r.rows} row${r.rows === 1 ? '' : 's'}` : '';
    lines.push(`${LABEL[r.status]} ${r.id.padEnd(idWidth)}  ${targetOf(r)}${rows}`);
    lines.push(`      ${r.message}`);
    if (r.status !== 'pass') lines.push(...details(r, relative));
  }
  lines.push('', summaryLine(report));
  return lines.join('\n');
}

function details(r: CheckResult, relative: (file: string) => string): string[] {
  const out: string[] = [];
  if (r.file) out.push(`      --> ${relative(r.file)}${r.line ? `:${r.line}` : ''}`);
  if (r.sample.length > 0) out.push(`      sample: ${sampleText(r.sample)}`);
  if (r.remediation) out.push('      remediation:', ...r.remediation.split('\n').map((l) => `        ${l}`));
  out.push('');
  return out;
}
