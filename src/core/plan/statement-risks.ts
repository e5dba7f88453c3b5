// The risks of one planned statement, from its lock targets and the sizes they were planned at.
import { formatEstimate } from './estimate';
import type { IndexBuildEstimate } from './estimate';
import { blocks } from './lock-modes';
import { PLAN_RISKS, Risk, RiskReporter } from './risks';
import { runsInTransaction } from '../lint/transaction-blocks';
import type { ParsedSection, ParsedStatement } from '../lint/types';
import { targetMode, LockTarget } from './statement-locks';
import type { StatementPlan } from './types';

/** One lock target with the size it was planned at. */
export interface TargetWork {
  target: LockTarget;
  /** Milliseconds at the calibrated rate; null when the table could not be seen. */
  ms: number | null;
  rows?: number;
  indexBuild?: IndexBuildEstimate;
  /** The table is created by this plan (empty unless the plan fills it): nobody else uses it yet. */
  newTable: boolean;
  partitioned?: boolean;
  fromDatabase?: boolean;
  notVisible?: string;
  notes: string[];
}

export interface RiskInput {
  /** The migration's version: lock_timeout is reported once per migration. */
  migration: string;
  section: ParsedSection;
  stmt: ParsedStatement;
  plan: StatementPlan;
  work: TargetWork[];
  reporter: RiskReporter;
  /** Shared over the whole plan: each large table once, a missing lock_timeout once per migration. */
  state: { largeTablesReported: Set<string>; lockTimeoutReported: Set<string> };
}

/** What to do instead, per lock table entry that holds ACCESS EXCLUSIVE across a rewrite or scan. */
const SAFER: Record<string, string> = {
  'alter-table.set-not-null': 'add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it (SHARE UPDATE EXCLUSIVE), then SET NOT NULL uses the constraint and skips the scan',
  'alter-table.add-check': 'add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later step (SHARE UPDATE EXCLUSIVE: reads and writes go on)',
  'alter-table.add-column.rewrite': 'add the column without the default, SET DEFAULT for new rows, and backfill existing rows in batches',
  'alter-table.alter-column-type': 'add a column of the new type, backfill it in batches, switch readers and writers, then drop the old one',
  'alter-table.set-access-method': 'copy into a new table in batches and swap names',
  'vacuum.full': 'use pg_repack, which rewrites without holding ACCESS EXCLUSIVE for the copy',
  cluster: 'use pg_repack --order-by',
  'refresh-materialized-view': 'REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index) keeps reads going',
};

const fmtRows = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : String(Math.round(n)));

export function statementRisks(input: RiskInput): Risk[] {
  const { reporter: r, plan, work } = input;
  const out: Risk[] = [];
  const held = plan.lockHeld ?? plan.estimate;
  for (const w of work) {
    const t = w.target;
    const name = (t.entry.id === 'alter-table.attach-partition' ? t.other : t.relation)?.name ?? '?';
    const mode = targetMode(t);
    const rows = w.rows ?? 0;
    if (w.notVisible) out.push(...r.make(PLAN_RISKS.tableNotVisible, `${name}: ${w.notVisible}, so nothing is estimated for this statement`));
    if (mode === 'ACCESS EXCLUSIVE' && (t.entry.rewrite || t.entry.scan) && !w.newTable && rows >= r.option(PLAN_RISKS.lockAcrossRewrite, 'minRows', 10000)) {
      const what = t.entry.rewrite ? 'a rewrite' : 'a full scan';
      const safer = SAFER[t.entry.id];
      out.push(...r.make(PLAN_RISKS.lockAcrossRewrite, `${t.entry.statement} holds ACCESS EXCLUSIVE on ${name} (reads and writes wait) across ${what} of ${fmtRows(rows)} rows${held ? `, ${formatEstimate(held)} until COMMIT` : ''}${safer ? `; instead: ${safer}` : ''}`));
    }
    if ((t.entry.id === 'create-index' || t.entry.id === 'reindex' || t.entry.id === 'alter-table.add-unique') && !w.newTable && rows >= r.option(PLAN_RISKS.blockingIndexBuild, 'minRows', 1)) {
      out.push(...r.make(PLAN_RISKS.blockingIndexBuild, `the index is built without CONCURRENTLY: ${targetMode(t)} on ${name} blocks writes to its ${fmtRows(rows)} rows${plan.estimate ? ` for ${formatEstimate(plan.estimate)}` : ''}; use CREATE INDEX CONCURRENTLY outside a transaction`));
    }
    if (t.entry.outsideTransaction && runsInTransaction(input.section, input.stmt)) {
      out.push(...r.make(PLAN_RISKS.concurrentlyInTransaction, `${t.entry.statement} cannot run inside a transaction block: PostgreSQL fails it (SQLSTATE 25001); move it after COMMIT`));
    }
    const build = w.indexBuild;
    if (build && build.fits === false) {
      const need = `${mb(build.memoryBytes ?? 0)} against maintenance_work_mem ${mb(build.maintenanceWorkMemBytes)}`;
      const fix = `SET maintenance_work_mem = '${build.suggestedSetting}' before it`;
      if (build.method === 'hnsw') out.push(...r.make(PLAN_RISKS.hnswMemory, `the HNSW graph of ${fmtRows(build.rows)} rows needs ${need}: pgvector will report "hnsw graph no longer fits into maintenance_work_mem" and slow down about tenfold; ${fix}`));
      else out.push(...r.make(PLAN_RISKS.ivfflatMemory, `IVFFlat's k-means needs ${need}: pgvector refuses to build the index; ${fix}`));
    }
    if (w.fromDatabase && !w.partitioned && rows >= r.option(PLAN_RISKS.largeTable, 'rows', 10_000_000) && !input.state.largeTablesReported.has(name)) {
      input.state.largeTablesReported.add(name);
      out.push(...r.make(PLAN_RISKS.largeTable, `${name} has ${fmtRows(rows)} rows and is not partitioned: the checklist partitions tables past ${fmtRows(r.option(PLAN_RISKS.largeTable, 'rows', 10_000_000))} rows`));
    }
  }
  const blocking = work.find((w) => w.fromDatabase && !w.newTable && (() => { const m = targetMode(w.target); return m !== null && blocks(m) !== 'neither'; })());
  if (blocking && plan.notes.includes('no lock_timeout in effect') && !input.state.lockTimeoutReported.has(input.migration)) {
    input.state.lockTimeoutReported.add(input.migration);
    const m = targetMode(blocking.target)!;
    out.push(...r.make(PLAN_RISKS.lockTimeoutMissing, `${m} on ${blocking.target.relation?.name} with no lock_timeout in effect: while it waits behind running queries, every later query on the table waits behind it; SET lock_timeout (or "lockTimeout" in pgvector-migrator.json)`));
  }
  return out;
}

function mb(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${Math.ceil(bytes / 2 ** 20)} MB`;
}
