// The deployment plan: for each pending migration and each of its statements, what it locks,
// whether it rewrites or scans, how long it takes, and what it risks; then the procedure.
// ("Deployment plan" here; runner/plan.ts decides *which* migrations a run applies, and
// schema/plan.ts reads EXPLAIN output: neither is this.)
import type { Estimate, IndexBuildEstimate } from './estimate';
import type { Blocks, LockMode } from './lock-modes';
import type { Risk } from './risks';

export interface PlannedLock {
  /** The relation as the migration names it. */
  relation: string;
  mode: LockMode;
  blocks: Blocks;
}

export interface StatementPlan {
  /** 1-based line of the statement's first token in its file. */
  line: number;
  sql: string;
  locks: PlannedLock[];
  rewrite: boolean;
  scan: boolean;
  indexBuild: IndexBuildEstimate | null;
  estimate: Estimate | null;
  /** How long its strongest lock stays held: to the end of its transaction. */
  lockHeld: Estimate | null;
  /** The lock table entries it matched, e.g. 'alter-table.set-not-null'. */
  kinds: string[];
  /** Rows of the table it works on, as the estimate used them. */
  rows: number | null;
  /** What the plan could not know, or assumed: "chunks is created earlier in this plan: counted as empty". */
  notes: string[];
  risks: Risk[];
  outsideTransaction: boolean;
}

export interface MigrationPlan {
  version: string;
  /** Absolute path of the UP file. */
  file: string;
  name: string;
  /** One transaction, or statement by statement (why). */
  transaction: { kind: 'transaction' } | { kind: 'as-written'; reason: string };
  statements: StatementPlan[];
  estimate: Estimate | null;
  hasDown: boolean;
}

export interface ProcedureStep {
  step: number;
  title: string;
  outsideTransaction: boolean;
  estimate: Estimate | null;
  commands: string[];
}

export interface PlanDatabase {
  kind: 'server' | 'embedded';
  description: string;
  serverVersion: string;
  pgvectorVersion: string | null;
  maintenanceWorkMemBytes: number;
  maxParallelMaintenanceWorkers: number;
  /** Where the rates come from (scripts/bench-plan.mjs). */
  rates: string;
}

export interface DeploymentPlan {
  database: PlanDatabase;
  migrations: MigrationPlan[];
  procedure: ProcedureStep[];
  totalEstimate: Estimate | null;
  /** Every risk of every statement, most harmful first, with where it is. */
  risks: (Risk & { file: string; line: number })[];
}
