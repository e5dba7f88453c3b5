// Checklist items 1 and 5 with PostgreSQL as the judge: every migration is applied to a scratch
// database, the spec's DDL to the same database after a reset, both are read from the catalogs
// and compared; the spec's query patterns are planned on the migrated schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedConfig, ProjectConfig } from '../config/config';
import type { Db } from '../db/types';
import { distanceOrderings, DistanceOrdering } from '../lint/distance-orderings';
import { applyOverrides, TextOverrides } from '../lint/overrides';
import { parseMigrationSet } from '../lint/parse-set';
import { loadProjectMigrations } from '../migrations/discover';
import type { Migration, MigrationSet } from '../migrations/types';
import { ensureParser } from '../sql/parser';
import { splitStatements, SqlStatement } from '../sql/split';
import { applySection, applyStatements, ApplyFailure } from './apply';
import { CatalogSnapshot, readCatalog } from './catalog';
import { firstLineOf, locateMention, TextRange } from './locate';
import { flattenSnapshot, Mention, SchemaObject } from './objects';
import { planDetail, planQueryPattern } from './query-patterns';
import { ARCHITECTURE_DRIFT, compareSchemaFindings, FindingMaker, QUERY_PATTERN_UNINDEXED, SCRATCH_APPLY_FAILED, SchemaFinding } from './rules';
import { ScratchPool } from './scratch-pool';
import { sectionHead, sectionStatements } from './sections';
import { ArchitectureSpec, parseSpec, specStatements } from './spec';
import { diffAgainstSpec, Drift } from './spec-diff';

export interface CheckArchitectureOptions {
  signal?: AbortSignal;
  /** Warm scratch databases to reuse; without one, a pool is made for this call and disposed. */
  pool?: ScratchPool;
  /** The migrations, when the caller has them already. */
  set?: MigrationSet;
  /** Unsaved editor text by absolute path (migration files and the spec) over what is on disk. */
  overrides?: TextOverrides;
}

/** Findings of architecture-drift, query-pattern-unindexed and scratch-apply-failed, sorted by file and position. */
export async function checkArchitecture(project: LoadedConfig, options: CheckArchitectureOptions = {}): Promise<SchemaFinding[]> {
  const config = project.config;
  const maker = new FindingMaker(config);
  const specFile = path.resolve(project.projectDir, config.architectureSpec);
  const specText = options.overrides?.get(specFile) ?? readIfExists(specFile);
  await ensureParser();
  const set = applyOverrides(options.set ?? loadProjectMigrations(project), options.overrides);
  if (specText === undefined) return checkWithoutSpec(project, set, specFile, maker, options);
  const spec = parseSpec(specText, specFile);
  const statements = specStatements(spec);
  const findings: (SchemaFinding | undefined)[] = [];
  for (const u of statements.unreadable) {
    findings.push(maker.make(SCRATCH_APPLY_FAILED, { file: specFile, text: specText, start: u.block.start, end: u.block.start }, `this SQL block cannot be read: ${u.message}`));
  }
  if (spec.blocks.length === 0) {
    findings.push(maker.make(ARCHITECTURE_DRIFT, { file: specFile, text: specText, start: 0, end: 0 },
      `${config.architectureSpec} has no \`\`\`sql blocks: there is no target schema to compare the migrations with`,
      { severity: 'info', help: 'write the target schema as ```sql blocks of DDL, and the queries the application runs under a "Query patterns" heading' }));
    return defined(findings);
  }

  const pool = options.pool ?? new ScratchPool();
  try {
    await pool.use(async ({ db, reset }) => {
      const migrated = await applyMigrations(db, set.migrations, options.signal);
      if (migrated.failure) findings.push(migrationFailureFinding(maker, migrated.failure.migration, migrated.failure.failure));
      if (!migrated.failure) {
        for (const query of statements.queries) {
          options.signal?.throwIfAborted();
          findings.push(await queryPatternFinding(db, spec, query, migrated.snapshot, config, maker));
        }
      }
      await reset();
      const specFailures = await applyStatements(db, specText, statements.ddl, options.signal);
      for (const f of specFailures) {
        findings.push(maker.make(SCRATCH_APPLY_FAILED, { file: specFile, text: specText, start: f.start, end: f.end },
          `the spec's SQL fails on a scratch database: ${withSqlstate(f)}`, { help: f.hint ?? 'fix the statement in the spec; what depends on it is not compared', detail: f.detail }));
      }
      const specSnapshot = await readCatalog(db);
      const failedSpecStatements = statements.ddl.filter((s) => specFailures.some((f) => f.start >= s.start && f.start <= s.end));
      for (const drift of diffAgainstSpec(migrated.snapshot, specSnapshot)) {
        // A set that stopped early has not built everything yet; a spec statement that failed has not either.
        if (drift.side === 'missing' && migrated.failure) continue;
        if (drift.side === 'extra' && drift.migrated && locateMention(failedSpecStatements, drift.migrated.mentions, 'first')) continue;
        findings.push(driftFinding(drift, { spec, specDdl: statements.ddl, migrations: set.migrations, touchedBy: migrated.touchedBy, maker, config }));
      }
    });
  } finally {
    if (!options.pool) await pool.dispose();
  }
  return defined(findings).sort(compareSchemaFindings);
}

/**
 * No spec to compare with: the migrations are still applied (a failing one is reported), and the
 * searches they define themselves (SQL functions and views ordering by a distance) are planned.
 */
async function checkWithoutSpec(project: LoadedConfig, set: MigrationSet, specFile: string, maker: FindingMaker, options: CheckArchitectureOptions): Promise<SchemaFinding[]> {
  const findings: (SchemaFinding | undefined)[] = [...missingSpecFinding(project, specFile, maker)];
  const pool = options.pool ?? new ScratchPool();
  try {
    await pool.use(async ({ db }) => {
      const migrated = await applyMigrations(db, set.migrations, options.signal);
      if (migrated.failure) {
        findings.push(migrationFailureFinding(maker, migrated.failure.migration, migrated.failure.failure));
        return;
      }
      for (const ordering of distanceOrderings({ migrations: parseMigrationSet(set).migrations })) {
        options.signal?.throwIfAborted();
        findings.push(await orderingFinding(db, ordering, migrated.snapshot, project.config, maker));
      }
    });
  } finally {
    if (!options.pool) await pool.dispose();
  }
  return defined(findings).sort(compareSchemaFindings);
}

/** A search a migration defines, planned like a documented query pattern, reported where it orders. */
async function orderingFinding(db: Db, o: DistanceOrdering, snapshot: CatalogSnapshot, config: ProjectConfig, maker: FindingMaker): Promise<SchemaFinding | undefined> {
  const query = splitStatements(o.query).statements[0];
  if (!query) return undefined;
  const outcome = await planQueryPattern(db, query, snapshot, config.embedding.dimensions);
  if (outcome.kind !== 'unindexed') return undefined; // served, or not plannable alone (then lint and the function's callers say more)
  const section = o.migration.migration.up;
  const { summary, lines } = planDetail(outcome.plan);
  const tables = [...new Set(outcome.scans.map((sc) => sc.table))].join(', ');
  return maker.make(QUERY_PATTERN_UNINDEXED, { file: section.file, text: section.fileText, start: o.start, end: o.end },
    `the search in ${o.kind} ${o.name} reads ${tables} without an index: ${[...new Set(outcome.reasons)].join('; ')}\nplan: ${summary}`,
    { help: 'add an index that serves it in a migration (an HNSW index with the operator class of the distance it orders by)', detail: lines.join('\n') });
}

function defined(list: (SchemaFinding | undefined)[]): SchemaFinding[] {
  return list.filter((f): f is SchemaFinding => f !== undefined);
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** One info finding, on the config's architectureSpec key when there is one. */
function missingSpecFinding(project: LoadedConfig, specFile: string, maker: FindingMaker): SchemaFinding[] {
  const rel = project.config.architectureSpec;
  let place = { file: specFile, text: '', start: 0, end: 0 };
  if (project.configFile) {
    const text = readIfExists(project.configFile) ?? '';
    const key = text.indexOf('"architectureSpec"');
    place = { file: project.configFile, text, start: Math.max(0, key), end: key >= 0 ? key + '"architectureSpec"'.length : 0 };
  }
  const finding = maker.make(ARCHITECTURE_DRIFT, place,
    `no architecture spec at ${rel} (looked for ${specFile}): the migrations were applied and the searches they define planned, but the schema cannot be compared with a target`,
    { severity: 'info', help: `add ${rel} with the target schema in \`\`\`sql blocks and the application's queries under a "Query patterns" heading, or set "architectureSpec" in pgvector-migrator.json` });
  return finding ? [finding] : [];
}

interface MigratedSchema {
  snapshot: CatalogSnapshot;
  /** Object key -> index of the migration that created or last changed it. */
  touchedBy: Map<string, number>;
  failure?: { migration: Migration; failure: ApplyFailure };
}

/** Applies every UP in order, reading the catalog after each to learn which one touched what. */
async function applyMigrations(db: Db, migrations: readonly Migration[], signal?: AbortSignal): Promise<MigratedSchema> {
  const touchedBy = new Map<string, number>();
  const signatures = new Map<string, string>();
  let snapshot = await readCatalog(db);
  for (const [index, m] of migrations.entries()) {
    signal?.throwIfAborted();
    const failure = await applySection(db, m.up, signal);
    if (failure) return { snapshot, touchedBy, failure: { migration: m, failure } };
    snapshot = await readCatalog(db);
    for (const o of flattenSnapshot(snapshot)) {
      if (signatures.get(o.key) !== o.signature) touchedBy.set(o.key, index);
      signatures.set(o.key, o.signature);
    }
  }
  return { snapshot, touchedBy };
}

export function migrationFailureFinding(maker: FindingMaker, m: Migration, f: ApplyFailure, direction: 'UP' | 'DOWN' | 'VERIFY' = 'UP'): SchemaFinding | undefined {
  const section = direction === 'UP' ? m.up : direction === 'DOWN' ? m.down! : m.verify!;
  const where = f.statementNumber ? `statement ${f.statementNumber} of ${direction}` : `the ${direction} section`;
  return maker.make(SCRATCH_APPLY_FAILED, { file: section.file, text: section.fileText, start: f.start, end: f.end },
    `${where} fails on a scratch database built by the migrations before it: ${withSqlstate(f)}`,
    { help: f.hint ?? (direction === 'VERIFY' ? 'the verify script finds UP\'s work missing or different: fix UP, or the script' : 'fix the statement; the checks of the migrations after this one did not run'), detail: f.detail });
}

export function withSqlstate(f: { message: string; sqlstate?: string }): string {
  return f.sqlstate ? `${f.message} (SQLSTATE ${f.sqlstate})` : f.message;
}

async function queryPatternFinding(
  db: Db, spec: ArchitectureSpec, query: SqlStatement, snapshot: CatalogSnapshot, config: ProjectConfig, maker: FindingMaker,
): Promise<SchemaFinding | undefined> {
  const outcome = await planQueryPattern(db, query, snapshot, config);
  const line = firstLineOf(spec.text, query);
  if (outcome.kind === 'served') return undefined;
  if (outcome.kind === 'failed') {
    const at = outcome.position !== undefined && outcome.position < query.text.length ? query.start + outcome.position : undefined;
    const token = at !== undefined ? query.tokens.find((t) => t.start <= at && at < t.end) : undefined;
    return maker.make(ARCHITECTURE_DRIFT, { file: spec.file, text: spec.text, ...(token ? { start: token.start, end: token.end } : line) },
      `this documented query does not run on the schema the migrations build: ${withSqlstate(outcome)}`,
      { help: outcome.hint ?? 'the spec and the migrations disagree about the tables or columns it reads; fix whichever is wrong' });
  }
  const { summary, lines } = planDetail(outcome.plan);
  const tables = [...new Set(outcome.scans.map((s) => s.table))].join(', ');
  return maker.make(QUERY_PATTERN_UNINDEXED, { file: spec.file, text: spec.text, ...line },
    `this query reads ${tables} without an index: ${[...new Set(outcome.reasons)].join('; ')}\nplan: ${summary}`,
    { help: 'add an index that serves it in a migration, or change the query so that an index can serve it', detail: lines.join('\n') });
}

interface DriftContext {
  spec: ArchitectureSpec;
  specDdl: SqlStatement[];
  migrations: readonly Migration[];
  touchedBy: Map<string, number>;
  maker: FindingMaker;
  config: ProjectConfig;
}

/** A missing object is shown in the spec; anything the migrations built, where they last touched it. */
function driftFinding(drift: Drift, ctx: DriftContext): SchemaFinding | undefined {
  const specRange = drift.spec ? locateMention(ctx.specDdl, drift.spec.mentions, 'first') : undefined;
  if (drift.side === 'missing' || !drift.migrated) {
    const range = specRange ?? firstLineOf(ctx.spec.text, ctx.specDdl[0] ?? { start: 0, end: 0 });
    return ctx.maker.make(ARCHITECTURE_DRIFT, { file: ctx.spec.file, text: ctx.spec.text, ...range }, drift.message, { help: drift.help });
  }
  const index = ctx.touchedBy.get(drift.migrated.key);
  const m = index !== undefined ? ctx.migrations[index] : undefined;
  if (!m) {
    const range = specRange ?? { start: 0, end: 0 };
    return ctx.maker.make(ARCHITECTURE_DRIFT, { file: ctx.spec.file, text: ctx.spec.text, ...range }, drift.message, { help: drift.help });
  }
  const range: TextRange = locateMention(sectionStatements(m.up), withFocus(drift.migrated, drift.focus), 'last') ?? sectionHead(m.up);
  let message = drift.message;
  if (specRange) message += ` (spec: ${ctx.config.architectureSpec}:${lineOf(ctx.spec.text, specRange.start)})`;
  return ctx.maker.make(ARCHITECTURE_DRIFT, { file: m.up.file, text: m.up.fileText, ...range }, message, { help: drift.help });
}

function withFocus(o: SchemaObject, focus: string | undefined): Mention[] {
  if (!focus) return o.mentions;
  return [...o.mentions.map((m) => ({ ...m, names: [...m.names, focus], focus: m.names.length })), ...o.mentions];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
