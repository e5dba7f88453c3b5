// Short texts every rendering of a plan shares: one statement's locks, its work, its estimate.
import { formatEstimate } from '../estimate';
import type { StatementPlan } from '../types';

export function locksText(s: StatementPlan): string {
  if (s.locks.length === 0) return 'no table lock';
  return s.locks.map((l) => `${l.mode} on ${l.relation}${l.blocks === 'neither' ? '' : ` (blocks ${l.blocks})`}`).join(', ');
}

export function workText(s: StatementPlan): string {
  if (s.rewrite) return 'rewrite';
  if (s.indexBuild) return `${s.indexBuild.method} build`;
  if (s.scan) return 'scan';
  return 'catalog only';
}

export function estimateText(s: StatementPlan): string {
  if (!s.estimate) return 'not estimated';
  const held = s.lockHeld && formatEstimate(s.lockHeld) !== formatEstimate(s.estimate) ? `, lock held ${formatEstimate(s.lockHeld)} until COMMIT` : '';
  return `${formatEstimate(s.estimate)}${s.rewrite || s.scan || s.indexBuild ? rowsText(s.rows) : ''}${held}`;
}

export function rowsText(rows: number | null): string {
  if (rows === null) return '';
  return ` at ${rows >= 1e6 ? `${(rows / 1e6).toFixed(1)}M` : rows >= 1e4 ? `${Math.round(rows / 1e3)}k` : Math.round(rows)} rows`;
}

/** The one line a CodeLens shows above a migration: `ACCESS EXCLUSIVE on chunks · rewrite · ~40 s at 1.2M rows`. */
export function migrationSummary(statements: StatementPlan[]): string {
  const locks = statements.flatMap((s) => s.locks);
  const strongest = locks.length === 0 ? undefined : locks.reduce((a, b) => (rank(b.mode) > rank(a.mode) ? b : a));
  const work = statements.some((s) => s.rewrite) ? 'rewrite' : statements.some((s) => s.indexBuild) ? 'index build' : statements.some((s) => s.scan) ? 'scan' : 'catalog only';
  const known = statements.filter((s) => s.estimate);
  const total = known.reduce((sum, s) => ({ lowMs: sum.lowMs + s.estimate!.lowMs, highMs: sum.highMs + s.estimate!.highMs }), { lowMs: 0, highMs: 0 });
  const rows = Math.max(-1, ...statements.map((s) => s.rows ?? -1));
  const parts = [strongest ? `${strongest.mode} on ${strongest.relation}` : 'no table lock', work, `${formatEstimate(total)}${rows > 0 ? rowsText(rows) : ''}`];
  const errors = statements.flatMap((s) => s.risks).filter((r) => r.severity === 'error').length;
  if (errors > 0) parts.push(`${errors} risk${errors === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

const ORDER = ['ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'];
const rank = (mode: string) => ORDER.indexOf(mode);

export function firstLine(sql: string, max = 80): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function bytesText(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${Math.ceil(bytes / 2 ** 20)} MB`;
  return `${Math.ceil(bytes / 1024)} kB`;
}
