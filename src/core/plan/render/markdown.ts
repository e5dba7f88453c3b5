// `plan --format markdown`: the summary a reviewer pastes into a pull request — one table of
// statements, the risks, and the procedure.
import type { DeploymentPlan } from '../types';
import { formatEstimate } from '../estimate';
import { bytesText, estimateText, firstLine, locksText, workText } from './summary';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderPlanMarkdown(plan: DeploymentPlan, rel: (file: string) => string): string {
  const d = plan.database;
  const out: string[] = [
    '# Migration plan',
    '',
    `Against ${d.description} (PostgreSQL ${d.serverVersion}, pgvector ${d.pgvectorVersion ?? 'not installed'}, maintenance_work_mem ${bytesText(d.maintenanceWorkMemBytes)}, max_parallel_maintenance_workers ${d.maxParallelMaintenanceWorkers}). ` +
      `${plan.migrations.length} pending migration(s), expected ${plan.totalEstimate ? formatEstimate(plan.totalEstimate) : 'unknown'}. Nothing was changed.`,
    '',
    '| file:line | statement | locks | rewrite/scan | estimate | risk |',
    '|---|---|---|---|---|---|',
  ];
  for (const m of plan.migrations) {
    for (const s of m.statements) {
      const memory = s.indexBuild?.memoryBytes != null ? ` (${bytesText(s.indexBuild.memoryBytes)}, ${s.indexBuild.fits ? 'fits' : 'does not fit'} maintenance_work_mem)` : '';
      const risk = s.risks.map((r) => `**${r.severity}** \`${r.id}\``).join('<br>') || '—';
      out.push(`| ${cell(`${rel(m.file)}:${s.line}`)} | \`${cell(firstLine(s.sql, 60))}\` | ${cell(locksText(s))} | ${workText(s)}${memory} | ${cell(estimateText(s))} | ${risk} |`);
    }
  }
  if (plan.risks.length > 0) {
    out.push('', '## Risks, most harmful first', '');
    for (const r of plan.risks) out.push(`- **${r.severity}** \`${r.id}\` ${cell(`${rel(r.file)}:${r.line}`)}: ${r.message}`);
  }
  out.push('', '## Procedure', '');
  for (const p of plan.procedure) {
    out.push(`${p.step}. ${p.title}`);
    if (p.commands.length > 0) out.push('', '   ```', ...p.commands.map((c) => `   ${c}`), '   ```', '');
  }
  return out.join('\n');
}
