// `plan --format json`: the shape CI reads (README, "plan"), with files relative to the caller.
import type { DeploymentPlan } from '../types';

export function planJson(plan: DeploymentPlan, rel: (file: string) => string): unknown {
  return {
    database: plan.database,
    migrations: plan.migrations.map((m) => ({
      version: m.version,
      file: rel(m.file),
      statements: m.statements.map((s) => ({
        line: s.line,
        sql: s.sql,
        locks: s.locks.map((l) => ({ relation: l.relation, mode: l.mode })),
        rewrite: s.rewrite,
        scan: s.scan,
        indexBuild: s.indexBuild && {
          method: s.indexBuild.method,
          rows: s.indexBuild.rows,
          memoryBytes: s.indexBuild.memoryBytes,
          maintenanceWorkMemBytes: s.indexBuild.maintenanceWorkMemBytes,
          fits: s.indexBuild.fits,
        },
        estimate: s.estimate && { lowMs: s.estimate.lowMs, highMs: s.estimate.highMs },
        risks: s.risks.map((r) => ({ id: r.id, severity: r.severity, message: r.message })),
      })),
    })),
    procedure: plan.procedure,
    totalEstimate: plan.totalEstimate,
  };
}
