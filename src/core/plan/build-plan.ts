// Builds the deployment plan of the pending migrations: the lock table's verdict on each
// statement, sized by the live database (or by the plan itself for tables it creates), estimated
// from the calibrated rates, with its risks; then the procedure. Reads the database, never writes.
import * as path from 'node:path';
import type { ProjectConfig } from '../config/config';
import { durationToMs } from '../config/config';
import type { Db } from '../db/types';
import { readHistory } from '../db/history';
import type { Migration, MigrationSet } from '../migrations/types';
import { parseMigrationSet } from '../lint/parse-set';
import { schemaSnapshots } from '../model';
import { transactionBlockOf } from '../lint/transaction-blocks';
import { timeoutSetting } from '../lint/rules/lock-timeout-missing';
import type { ParsedMigration, ParsedStatement, TableModel } from '../lint/types';
import { computeStatus, StatusEntry } from '../runner/status';
import { planRun } from '../runner/plan';
import { planSection } from '../runner/section-plan';
import { ensureParser } from '../sql/parser';
import { transactionControl } from '../sql/classify';
import { LineIndex } from '../sql/positions';
import { classifyUpStatements } from './classify';
import { readDatabaseFacts, DatabaseFacts } from './database-facts';
import { addEstimates, CALIBRATED_RATES, estimateTarget, Estimate, IndexBuildEstimate, Rates, toRange } from './estimate';
import { blocks, strongerMode, LockMode } from './lock-modes';
import { deploymentProcedure } from './procedure';
import { compareRisks, RiskReporter } from './risks';
import { statementRisks, TargetWork } from './statement-risks';
import { relationRef, targetMode, LockTarget, StatementLocks } from './statement-locks';
import { as } from '../lint/ast';
import { PlanTables } from './table-sizes';
import type { DeploymentPlan, MigrationPlan, PlannedLock, StatementPlan } from './types';

export interface DeploymentPlanOptions {
  /** Plan up to and including this version (like `up --to`). */
  to?: string;
  allowDrift?: boolean;
  allowOutOfOrder?: boolean;
  retryFailed?: boolean;
  /** statement_timeout of the read-only catalog reads (default 10s). */
  statementTimeout?: string;
  rates?: Rates;
}

/** Reads the history and the catalog of `db` (read-only) and plans what `up` would apply. */
export async function planDeployment(db: Db, set: MigrationSet, config: ProjectConfig, options: DeploymentPlanOptions = {}): Promise<DeploymentPlan> {
  await ensureParser();
  const status = computeStatus(set, await readHistory(db, config.historyTable));
  const steps = planRun(set, status, { direction: 'up', to: options.to, allowDrift: options.allowDrift, allowOutOfOrder: options.allowOutOfOrder, retryFailed: options.retryFailed });
  const pending = new Set<Migration>(steps.map((s) => s.migration));
  const parsed = parseMigrationSet(set);
  const migrations = parsed.migrations.filter((m) => pending.has(m.migration));
  const classified = classifyUpStatements(parsed.migrations, new Set(migrations));
  const facts = await readDatabaseFacts(db, tablesNamed(classified.values()), { statementTimeout: options.statementTimeout });
  return assemblePlan({ all: parsed.migrations, pending: migrations, classified, facts, config, status, rates: options.rates ?? CALIBRATED_RATES });
}

function tablesNamed(locks: Iterable<StatementLocks>): string[] {
  const out = new Set<string>();
  for (const l of locks) for (const t of l.targets) for (const r of [t.relation, t.other]) if (r) out.add(r.key);
  return [...out];
}

interface AssembleInput {
  all: readonly ParsedMigration[];
  pending: readonly ParsedMigration[];
  classified: Map<ParsedStatement, StatementLocks>;
  facts: DatabaseFacts;
  config: ProjectConfig;
  status: StatusEntry[];
  rates: Rates;
}

export function assemblePlan(input: AssembleInput): DeploymentPlan {
  const { facts, config, rates } = input;
  const tables = new PlanTables(facts);
  const reporter = new RiskReporter(config);
  const snapshots = schemaSnapshots(input.all);
  const riskState = { largeTablesReported: new Set<string>(), lockTimeoutReported: new Set<string>() };
  const migrations: MigrationPlan[] = input.pending.map((m) => {
    const lines = new LineIndex(m.up.section.fileText);
    let lockTimeout = durationToMs(config.lockTimeout) > 0;
    const works: TargetWork[][] = [];
    const statements = m.up.statements.map((stmt) => {
      const setting = timeoutSetting(stmt);
      if (setting?.name === 'lock_timeout') lockTimeout = setting.enabled;
      const locks = input.classified.get(stmt) ?? { targets: [] };
      const schema = snapshots.at(m, stmt);
      const work = locks.targets.map((t) => sizeTarget(t, tables, schema.tables.get(workRelation(t)?.key ?? ''), facts, rates));
      works.push(work);
      const plan = statementPlan(stmt, lines, locks, work, lockTimeout);
      tables.after(stmt);
      return plan;
    });
    fillLockHeld(m, statements);
    statements.forEach((s, i) => {
      s.risks = statementRisks({ migration: m.migration.version, section: m.up, stmt: m.up.statements[i], plan: s, work: works[i], reporter, state: riskState }).sort(compareRisks);
    });
    // BEGIN and COMMIT are how the file is run, not work: the procedure says which run in one transaction.
    return migrationPlan(m, statements.filter((_, i) => transactionControl(m.up.statements[i]) === undefined));
  });
  const totalEstimate = sumEstimates(migrations.map((m) => m.estimate));
  const risks = migrations
    .flatMap((m) => m.statements.flatMap((s) => s.risks.map((r) => ({ ...r, file: m.file, line: s.line }))))
    .sort(compareRisks);
  return {
    database: {
      kind: facts.kind,
      description: facts.description,
      serverVersion: facts.serverVersion,
      pgvectorVersion: facts.pgvectorVersion,
      maintenanceWorkMemBytes: facts.maintenanceWorkMemBytes,
      maxParallelMaintenanceWorkers: facts.maxParallelMaintenanceWorkers,
      rates: rates.measured,
    },
    migrations,
    procedure: deploymentProcedure(migrations, input.status, totalEstimate, createdNames(input.pending)),
    totalEstimate,
    risks,
  };
}

/** Tables and indexes the pending UP sections create, for the verification queries. */
function createdNames(pending: readonly ParsedMigration[]): string[] {
  const out = new Set<string>();
  for (const m of pending) {
    for (const stmt of m.up.statements) {
      const table = relationRef(as(stmt.ast, 'CreateStmt')?.relation ?? as(stmt.ast, 'CreateTableAsStmt')?.into?.rel);
      const index = as(stmt.ast, 'IndexStmt');
      if (table) out.add(table.name);
      if (index?.idxname) out.add(index.relation?.schemaname ? `${index.relation.schemaname}.${index.idxname}` : index.idxname);
    }
  }
  return [...out];
}

/** The relation whose rows the work reads: the partition attached, the tables of a domain. */
function workRelation(t: LockTarget) {
  return t.entry.id === 'alter-table.attach-partition' || t.entry.id === 'alter-domain.add-constraint' ? t.other : t.relation;
}

/** Targets that create their relation, or touch no table, need no size. */
function needsSize(t: LockTarget): boolean {
  return t.entry.rewrite || t.entry.scan || t.entry.indexBuild;
}

function sizeTarget(t: LockTarget, tables: PlanTables, model: TableModel | undefined, facts: DatabaseFacts, rates: Rates): TargetWork {
  const relation = workRelation(t);
  const creates = t.entry.id.startsWith('create-table');
  const newTable = relation ? tables.isCreatedInPlan(relation.key) : false;
  if (!relation || creates) return { target: t, ms: 0, newTable: creates, notes: [] };
  const found = tables.lookup(relation.key, model);
  if (!found.known) {
    return { target: t, ms: needsSize(t) ? null : 0, newTable: false, notes: [`${relation.name}: ${found.reason}`], notVisible: found.reason };
  }
  const notes: string[] = [];
  if (found.source === 'plan') {
    notes.push(found.size.rows === 0
      ? `${relation.name} is created earlier in this plan: counted as empty`
      : `${relation.name} is created earlier in this plan: counted as the ${found.size.rows} rows the plan inserts`);
    if (tables.hasUncountedRows(relation.key)) notes.push(`${relation.name} also gets rows the plan cannot count (COPY, INSERT ... SELECT): the estimate leaves them out`);
  } else if (!found.rowsFromStatistics && found.size.rows > 0) {
    notes.push(`${relation.name} was never analyzed: its rows are guessed from its size (run ANALYZE for a better estimate)`);
  }
  const estimate = needsSize(t) ? estimateTarget(t, found.size, facts, rates) : { ms: 0 };
  return {
    target: t,
    ms: estimate.ms,
    indexBuild: 'indexBuild' in estimate ? estimate.indexBuild : undefined,
    rows: found.size.rows,
    newTable,
    partitioned: found.partitioned,
    fromDatabase: found.source === 'database',
    notes,
  };
}

function statementPlan(stmt: ParsedStatement, lines: LineIndex, locks: StatementLocks, work: TargetWork[], lockTimeout: boolean): StatementPlan {
  const byRelation = new Map<string, LockMode>();
  const add = (name: string | undefined, mode: LockMode | null | undefined) => {
    if (!name || !mode) return;
    const had = byRelation.get(name);
    byRelation.set(name, had ? strongerMode(had, mode) : mode);
  };
  for (const t of locks.targets) {
    add(t.relation?.name, targetMode(t));
    add(t.other?.name, t.entry.other);
  }
  const planned: PlannedLock[] = [...byRelation].map(([relation, mode]) => ({ relation, mode, blocks: blocks(mode) }));
  const unknownWork = work.some((w) => w.ms === null) || locks.unknown !== undefined;
  const ms = work.reduce((sum, w) => sum + (w.ms ?? 0), 0);
  const builds = work.map((w) => w.indexBuild).filter((b): b is IndexBuildEstimate => b !== undefined);
  const rows = work.map((w) => w.rows).find((r) => r !== undefined);
  return {
    line: lines.positionAt(stmt.start).line,
    sql: stmt.text,
    locks: planned,
    rewrite: locks.targets.some((t) => t.entry.rewrite),
    scan: locks.targets.some((t) => t.entry.scan || t.entry.indexBuild),
    indexBuild: builds[0] ?? null,
    estimate: unknownWork ? null : toRange(ms),
    lockHeld: null,
    kinds: [...new Set(locks.targets.map((t) => t.entry.id))],
    rows: rows ?? null,
    notes: [...(locks.unknown ? [`not estimated: ${locks.unknown}`] : []), ...work.flatMap((w) => w.notes), ...(lockTimeout ? [] : ['no lock_timeout in effect'])],
    risks: [],
    outsideTransaction: locks.targets.some((t) => t.entry.outsideTransaction),
  };
}

/** Locks are held until COMMIT: a statement's lock lasts through the rest of its transaction. */
function fillLockHeld(m: ParsedMigration, statements: StatementPlan[]): void {
  const stmts = m.up.statements;
  for (let i = 0; i < stmts.length; i++) {
    if (statements[i].locks.length === 0) continue;
    const block = transactionBlockOf(m.up, stmts[i]);
    let held: Estimate | null = statements[i].estimate;
    for (let j = i + 1; block !== undefined && j < stmts.length && held; j++) {
      const other = transactionBlockOf(m.up, stmts[j]);
      if (other !== block) break;
      held = statements[j].estimate ? addEstimates(held, statements[j].estimate!) : null;
    }
    statements[i].lockHeld = held;
  }
}

function migrationPlan(m: ParsedMigration, statements: StatementPlan[]): MigrationPlan {
  const mode = planSection(m.migration.up);
  return {
    version: m.migration.version,
    file: m.migration.files[0],
    name: path.basename(m.migration.files[0]),
    transaction: mode.kind === 'transaction' ? { kind: 'transaction' } : { kind: 'as-written', reason: mode.reason },
    statements,
    estimate: sumEstimates(statements.map((s) => s.estimate)),
    hasDown: m.migration.down !== undefined,
  };
}

/** The sum of what could be estimated; null when nothing could (the renderers count what is left out). */
function sumEstimates(list: (Estimate | null)[]): Estimate | null {
  const known = list.filter((e): e is Estimate => e !== null);
  return known.length === 0 && list.length > 0 ? null : known.reduce(addEstimates, { lowMs: 0, highMs: 0 });
}
