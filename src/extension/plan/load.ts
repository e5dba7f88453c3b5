// The plan's core, loaded on the first Show Plan or CodeLens (it pulls in the parser).
import { loadHeavy } from '../heavy-modules';

export type PlanCore = typeof import('../../core/plan');

let core: Promise<PlanCore> | undefined;

export function loadPlanCore(): Promise<PlanCore> {
  core ??= loadHeavy('deployment plan (SQL parser)', () => import('../../core/plan'));
  return core;
}
