// `plan` as text for a terminal: per migration, per statement, then the risks and the procedure.
import type { DeploymentPlan } from '../types';
import { formatEstimate } from '../estimate';
import { bytesText, estimateText, firstLine, locksText, workText } from './summary';

export function renderPlanText(plan: DeploymentPlan, rel: (file: string) => string): string {
  const out: string[] = [];
  const d = plan.database;
  out.push(`Plan against ${d.description}: PostgreSQL ${d.serverVersion}, pgvector ${d.pgvectorVersion ?? 'not installed'}, maintenance_work_mem ${bytesText(d.maintenanceWorkMemBytes)}, max_parallel_maintenance_workers ${d.maxParallelMaintenanceWorkers}`);
  out.push(`(nothing was changed; estimates from rates ${d.rates})`);
  for (const m of plan.migrations) {
    out.push('', `${rel(m.file)}${m.transaction.kind === 'as-written' ? ` — outside a transaction: ${m.transaction.reason}` : ' — one transaction'}${m.estimate ? `, ${formatEstimate(m.estimate)}` : ''}`);
    for (const s of m.statements) {
      out.push(`  ${rel(m.file)}:${s.line}  ${firstLine(s.sql)}`);
      out.push(`      locks: ${locksText(s)}; ${workText(s)}; ${estimateText(s)}`);
      if (s.indexBuild && s.indexBuild.memoryBytes !== null) {
        out.push(`      ${s.indexBuild.method}: ${bytesText(s.indexBuild.memoryBytes)} for ${Math.round(s.indexBuild.rows)} rows against maintenance_work_mem ${bytesText(s.indexBuild.maintenanceWorkMemBytes)} — ${s.indexBuild.fits ? 'fits' : `does not fit: SET maintenance_work_mem = '${s.indexBuild.suggestedSetting}'`}; ${s.indexBuild.workers} parallel worker(s)`);
      }
      for (const n of s.notes) out.push(`      note: ${n}`);
      for (const r of s.risks) out.push(`      ${r.severity}[${r.id}]: ${r.message}`);
    }
  }
  if (plan.risks.length > 0) {
    out.push('', 'Risks, most harmful first:');
    for (const r of plan.risks) out.push(`  ${r.severity}[${r.id}] ${rel(r.file)}:${r.line}: ${r.message}`);
  }
  out.push('', 'Procedure:');
  for (const p of plan.procedure) {
    out.push(`  ${p.step}. ${p.title}`);
    for (const c of p.commands) out.push(`       ${c}`);
  }
  return out.join('\n');
}
