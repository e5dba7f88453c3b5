// The deployment plan: what each pending statement locks, rewrites, scans and builds, how long,
// what it risks, and the procedure. See build-plan.ts.
export { planDeployment, assemblePlan } from './build-plan';
export type { DeploymentPlanOptions } from './build-plan';
export type { DeploymentPlan, MigrationPlan, StatementPlan, ProcedureStep } from './types';
export { PLAN_RISK_METAS, PLAN_RISKS } from './risks';
export { planJson } from './render/json';
export { renderPlanText } from './render/text';
export { renderPlanMarkdown } from './render/markdown';
export { migrationSummary } from './render/summary';
export { formatEstimate } from './estimate';

import type { DeploymentPlan } from './types';

/** True when a risk at error level was found: `plan` exits 1. */
export function planFailed(plan: DeploymentPlan): boolean {
  return plan.risks.some((r) => r.severity === 'error');
}
