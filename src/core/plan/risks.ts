// The risks a plan reports, described like lint rules so that the config's `rules` map tunes them
// the same way (`"plan-blocking-index-build": "error"`, or `["warning", { "minRows": 100000 }]`).
// HARM_ORDER ranks them: the plan lists the most harmful first.
import type { ProjectConfig, Severity } from '../config/config';
import type { FindingSeverity, RuleMeta } from '../lint/types';
import { effectiveSeverity, ruleOptions } from '../lint/severity';

export interface Risk {
  id: string;
  severity: FindingSeverity;
  message: string;
}

const meta = (id: string, defaultSeverity: FindingSeverity, description: string, rationale: string): RuleMeta =>
  ({ id, checklistItem: 9, defaultSeverity, description, rationale, docs: `docs/plan.md#${id}`, fixable: false });

export const PLAN_RISKS = {
  lockAcrossRewrite: meta('plan-lock-across-rewrite', 'error',
    'An ACCESS EXCLUSIVE lock held across a rewrite or a full scan of a table with rows (minRows, default 10,000).',
    'Every read and write of the table waits until the rewrite or scan and the rest of its transaction finish.'),
  concurrentlyInTransaction: meta('plan-concurrently-in-transaction', 'error',
    'A statement PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...) runs inside one.',
    'PostgreSQL fails it with SQLSTATE 25001 and the migration stops.'),
  ivfflatMemory: meta('plan-ivfflat-memory', 'error',
    'An IVFFlat build needs more memory than maintenance_work_mem.',
    'pgvector refuses to build the index ("memory required is ... MB"): raise maintenance_work_mem for the session first.'),
  blockingIndexBuild: meta('plan-blocking-index-build', 'warning',
    'An index built without CONCURRENTLY on a table that has rows.',
    'CREATE INDEX holds SHARE on the table: writes wait for the whole build.'),
  hnswMemory: meta('plan-hnsw-memory', 'warning',
    'An HNSW graph larger than maintenance_work_mem.',
    'pgvector prints "hnsw graph no longer fits into maintenance_work_mem" and the build goes on about ten times slower.'),
  lockTimeoutMissing: meta('plan-lock-timeout-missing', 'warning',
    'A lock that blocks reads or writes on an existing table, with no lock_timeout in effect.',
    'While the statement waits for its lock behind running traffic, every later query on the table queues behind it.'),
  largeTable: meta('plan-large-table-unpartitioned', 'warning',
    'A table past 10 million rows (rows option) that is not partitioned.',
    'The seed checklist partitions tables past 10 million rows: every rewrite, scan and index build grows with the table.'),
  tableNotVisible: meta('plan-table-not-visible', 'warning',
    'A table the plan cannot see: not in the database and not created earlier in the plan, or no privilege to read it.',
    'Nothing can be estimated for it, and the statement fails if the table is missing when it runs.'),
} as const;

export const PLAN_RISK_METAS: readonly RuleMeta[] = Object.values(PLAN_RISKS);

/** Most harmful first; ties keep the order of the statements. */
const HARM_ORDER = PLAN_RISK_METAS.map((m) => m.id);

const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

export function compareRisks(a: Risk, b: Risk): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || HARM_ORDER.indexOf(a.id) - HARM_ORDER.indexOf(b.id);
}

/** Makes risks with the config's severity; a risk turned "off" is dropped. */
export class RiskReporter {
  constructor(private readonly config: ProjectConfig) {}

  severity(risk: RuleMeta): Severity {
    return effectiveSeverity(risk, this.config);
  }

  option(risk: RuleMeta, name: string, fallback: number): number {
    const value = ruleOptions(risk, this.config)[name];
    return typeof value === 'number' ? value : fallback;
  }

  make(risk: RuleMeta, message: string): Risk[] {
    const severity = this.severity(risk);
    return severity === 'off' ? [] : [{ id: risk.id, severity, message }];
  }
}
