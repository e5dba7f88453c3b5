// What every rendering of a report shares: how a result names its target, and the tally.
import type { CheckResult, SampleKey, ValidationReport } from '../types';

/** "public.chunks.embedding", "public.chunks (chunks_embedding_idx)", "0003" or "database". */
export function targetOf(r: CheckResult): string {
  const base = r.table === null ? (r.object ?? 'database') : r.column ? `${r.table}.${r.column}` : r.table;
  return r.table !== null && r.object && !r.column ? `${base} (${r.object})` : base;
}

export function sampleText(sample: SampleKey[]): string {
  return sample.map((k) => (typeof k === 'object' ? JSON.stringify(k) : String(k))).join(', ');
}

export function tally(report: ValidationReport): { pass: number; fail: number; error: number } {
  const t = { pass: 0, fail: 0, error: 0 };
  for (const c of report.checks) t[c.status]++;
  return t;
}

export function summaryLine(report: ValidationReport): string {
  const t = tally(report);
  const parts = [`${t.fail} failed`, `${t.error} could not run`, `${t.pass} passed`];
  const head = report.cancelled ? 'Cancelled: the checks that finished found' : 'Validation found';
  return `${head}: ${parts.join(', ')} (${report.checks.length} results in ${(report.durationMs / 1000).toFixed(1)} s)`;
}
