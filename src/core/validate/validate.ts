// Runs every integrity check against a live database: the catalog checks first (quick), then one
// scan per table for all of its row-level checks. Each step runs read-only with a statement
// timeout; a step that fails reports "error" and the next one runs; a cancel stops between steps
// (and cancels the running statement on a server).
import type { Db } from '../db/types';
import type { LoadedConfig, ProjectConfig } from '../config/config';
import { MigratorError } from '../errors';
import { loadProjectMigrations } from '../migrations/discover';
import type { MigrationSet } from '../migrations/types';
import { CHECK_IDS, CheckId, CheckResult, ValidateOptions, ValidationReport } from './types';
import { validateSettings } from './settings';
import { readCatalog, Catalog } from './catalog';
import { inReadOnlyTransaction, errorResult } from './read-only';
import { ReadOnly, scanTable } from './table-scan';
import { planProbes } from './plan-probes';
import { extensionVersion, indexCoverage, invalidIndexes, modelDistances } from './catalog-checks';
import { historyChecks } from './history-checks';
import { locateResults } from './locate';

export interface ValidateInput {
  set: MigrationSet;
  config: ProjectConfig;
}

/** Said when a check found nothing to look at, so that every check appears in the report. */
const NOTHING_TO_CHECK: Record<CheckId, string> = {
  'vector-dimensions': 'no pgvector columns',
  'vector-zero-norm': 'no vector column is indexed with a cosine operator class, and embedding.distance (default cosine) is not cosine',
  'vector-not-normalized': 'no vector column is indexed with an inner product operator class, and embedding.distance (default cosine) is not inner_product',
  'vector-index-coverage': 'no pgvector columns',
  'invalid-index': 'no invalid indexes',
  'orphaned-rows': 'no NOT VALID foreign keys, and no relationships declared in the config',
  'constraint-not-validated': 'no NOT VALID constraints',
  'null-violations': 'no NOT VALID NOT NULL checks, and no required columns declared in the config',
  'duplicate-values': 'no unique columns declared in the config',
  'sequence-behind': 'no identity or serial columns',
  'extension-version': 'pgvector is not installed',
  'history-drift': 'no history',
  'history-dirty': 'no history',
};

interface Step {
  message: string;
  run(): Promise<CheckResult[]>;
}

/** Validates the database of a loaded project: its migrations and its config. */
export async function validateProject(db: Db, project: LoadedConfig, options: ValidateOptions = {}): Promise<ValidationReport> {
  const set = loadProjectMigrations(project);
  return validateDatabase(db, { set, config: project.config }, options);
}

export async function validateDatabase(db: Db, input: ValidateInput, options: ValidateOptions = {}): Promise<ValidationReport> {
  const startedAt = new Date();
  const started = performance.now();
  const settings = validateSettings(input.config);
  const skip = new Set<CheckId>([...settings.skip, ...(options.skip ?? [])]);
  const enabled = (id: CheckId) => !skip.has(id) && (!options.only || options.only.includes(id));
  const timeout = options.statementTimeout ?? settings.statementTimeout;
  const readOnly: ReadOnly = (work) => inReadOnlyTransaction(db, { statementTimeout: timeout, lockTimeout: input.config.lockTimeout }, work);

  let cancelling: Promise<void> | undefined;
  const onAbort = () => { cancelling = db.cancelRunning().catch(() => undefined); };
  options.signal?.addEventListener('abort', onAbort);
  try {
    let catalog: Catalog;
    try {
      catalog = await readOnly(() => readCatalog(db));
    } catch (err) {
      // Cancelled while reading the catalog: a report with nothing checked, not a failure.
      if (options.signal?.aborted) return { database: db.description, startedAt, durationMs: performance.now() - started, checks: [], cancelled: true };
      throw new MigratorError(`could not read the catalog of ${db.description}: ${(err as Error).message}`, { cause: err, fix: 'check the connection and that the user may read pg_catalog' });
    }
    const steps = planSteps(db, input, catalog, settings, enabled, readOnly, timeout, options.tables);
    const checks: CheckResult[] = [];
    let cancelled = false;
    for (const [i, step] of steps.entries()) {
      if (options.signal?.aborted) { cancelled = true; break; }
      options.onProgress?.({ done: i, total: steps.length, message: step.message });
      const results = await step.run();
      if (options.signal?.aborted) { cancelled = true; break; } // its statement was cancelled, not wrong
      checks.push(...results);
    }
    if (!cancelled && !options.tables) {
      options.onProgress?.({ done: steps.length, total: steps.length, message: 'done' });
      for (const id of CHECK_IDS) {
        if (enabled(id) && !checks.some((c) => c.id === id)) checks.push({ id, table: null, column: null, status: 'pass', rows: null, sample: [], message: NOTHING_TO_CHECK[id], remediation: null });
      }
    }
    await locateResults(input.set, checks);
    checks.sort(compareResults);
    return { database: db.description, startedAt, durationMs: performance.now() - started, checks, cancelled };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    // Wait for the cancel request to land: arriving later, it could cancel the caller's next query.
    await cancelling;
  }
}

function planSteps(db: Db, input: ValidateInput, catalog: Catalog, settings: ReturnType<typeof validateSettings>, enabled: (id: CheckId) => boolean, readOnly: ReadOnly, timeout: string, tables?: readonly string[]): Step[] {
  const steps: Step[] = [];
  const ofTables = (r: CheckResult) => !tables || (r.table !== null && tables.includes(r.table));
  const catalogStep = (ids: CheckId[], message: string, run: () => CheckResult[] | Promise<CheckResult[]>) => {
    if (!ids.some(enabled)) return;
    if (tables && (ids.includes('extension-version') || ids.includes('history-drift'))) return;
    steps.push({
      message,
      run: async () => {
        try {
          return (await run()).filter((r) => enabled(r.id) && ofTables(r));
        } catch (err) {
          return ids.filter(enabled).map((id) => errorResult(id, null, null, err, timeout));
        }
      },
    });
  };
  catalogStep(['extension-version'], 'checking the pgvector version', () => extensionVersion(catalog, input.config.pgvectorVersion));
  catalogStep(['vector-index-coverage'], 'checking vector indexes', () => indexCoverage(catalog, modelDistances(input.config)));
  catalogStep(['invalid-index'], 'looking for invalid indexes', () => invalidIndexes(catalog));
  catalogStep(['history-drift', 'history-dirty'], 'comparing the history with the files', () => readOnly(() => historyChecks(db, input.set, input.config.historyTable)));
  const plan = planProbes(catalog, settings, input.config, enabled);
  const settled = plan.settled.filter(ofTables);
  if (settled.length > 0) steps.push({ message: 'checking what the schema settles', run: async () => settled });
  for (const [table, probes] of plan.probes) {
    if (tables && !tables.includes(table.display)) continue;
    steps.push({
      message: `scanning ${table.display}`,
      run: async () => (await scanTable(db, table, catalog.extension?.quotedSchema ?? 'public', probes, readOnly, timeout)).filter((r) => enabled(r.id)),
    });
  }
  return steps;
}

/** Check order, then names by code point: the same order on every machine, whatever its locale. */
function compareResults(a: CheckResult, b: CheckResult): number {
  return CHECK_IDS.indexOf(a.id) - CHECK_IDS.indexOf(b.id)
    || byCodePoint(a.table ?? '', b.table ?? '')
    || byCodePoint(a.column ?? '', b.column ?? '')
    || byCodePoint(a.object ?? '', b.object ?? '');
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

