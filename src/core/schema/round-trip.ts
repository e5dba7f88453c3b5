// Checklist item 3 for real: for each migration in order, on a scratch database, read the
// schema, apply UP, apply DOWN, compare with what was read, then apply UP again. What DOWN left
// behind, removed or changed is down-not-reverting; an UP that fails the second time is
// up-not-rerunnable.
import * as path from 'node:path';
import type { ProjectConfig } from '../config/config';
import type { Db } from '../db/types';
import { quoteIdent } from '../db/types';
import type { Migration, MigrationSet } from '../migrations/types';
import { ensureParser } from '../sql/parser';
import { applySection, ApplyFailure } from './apply';
import { migrationFailureFinding, withSqlstate } from './architecture';
import { readCatalog } from './catalog';
import { locateMention, TextRange } from './locate';
import { flattenSnapshot, SchemaObject } from './objects';
import { DOWN_NOT_REVERTING, FindingMaker, SchemaFinding, UP_NOT_RERUNNABLE } from './rules';
import { ScratchPool } from './scratch-pool';
import { sectionHead, sectionStatements } from './sections';
import { describeRoundTripChange, diffObjects, SchemaChange } from './snapshot-diff';

export type VerifyStatus = 'passed' | 'failed' | 'skipped';
export type VerifyStep = 'up' | 'down' | 'compare' | 'up again';

export interface VerifyProgress {
  migration: Migration;
  /** 0-based position in the set. */
  index: number;
  total: number;
  step: VerifyStep;
}

export interface MigrationVerifyResult {
  migration: Migration;
  status: VerifyStatus;
  /** One line per difference, e.g. "leaves index chunks_doc_idx on chunks behind (btree (document_id))". */
  differences: string[];
  /** Why the migration was skipped, or the failure in one line. */
  reason?: string;
  /** The first of `findings`, for a test item's message. */
  finding?: SchemaFinding;
  findings: SchemaFinding[];
  durationMs: number;
}

export interface VerifyOptions {
  signal?: AbortSignal;
  /** Warm scratch databases to reuse; without one, a pool is made for this call and disposed. */
  pool?: ScratchPool;
  onProgress?: (progress: VerifyProgress) => void;
  /** Called as soon as each migration's result is known, in order. */
  onMigrationResult?: (result: MigrationVerifyResult) => void;
}

export async function verifyRollbacks(set: MigrationSet, config: ProjectConfig, options: VerifyOptions = {}): Promise<MigrationVerifyResult[]> {
  await ensureParser();
  const maker = new FindingMaker(config);
  const pool = options.pool ?? new ScratchPool();
  const results: MigrationVerifyResult[] = [];
  const report = (r: MigrationVerifyResult) => {
    results.push(r);
    options.onMigrationResult?.(r);
  };
  try {
    await pool.use(async ({ db, reset }) => {
      const migrations = set.migrations;
      let before = flattenSnapshot(await readCatalog(db));
      let stoppedBy: string | undefined;
      for (const [index, m] of migrations.entries()) {
        options.signal?.throwIfAborted();
        const started = performance.now();
        const progress = (step: VerifyStep) => options.onProgress?.({ migration: m, index, total: migrations.length, step });
        const done = (r: Omit<MigrationVerifyResult, 'migration' | 'durationMs' | 'finding'>) =>
          report({ migration: m, ...r, ...(r.findings[0] ? { finding: r.findings[0] } : {}), durationMs: performance.now() - started });
        if (stoppedBy) {
          done({ status: 'skipped', differences: [], reason: stoppedBy, findings: [] });
          continue;
        }
        progress('up');
        const upFailure = await applySection(db, m.up, options.signal);
        if (upFailure) {
          stoppedBy = `${fileName(m)} failed to apply, so the migrations after it were not verified`;
          done({ status: 'failed', differences: [], reason: `UP fails: ${withSqlstate(upFailure)}`, findings: defined([migrationFailureFinding(maker, m, upFailure)]) });
          continue;
        }
        // sqitch's verify script checks what UP built (and rolls itself back).
        const verifyFailure = m.verify ? await applySection(db, m.verify, options.signal) : undefined;
        const verifyFindings = verifyFailure ? defined([migrationFailureFinding(maker, m, verifyFailure, 'VERIFY')]) : [];
        const verifyDifferences = verifyFailure ? [`${path.relative(set.dir, m.verify!.file)} fails after UP: ${withSqlstate(verifyFailure)}`] : [];
        if (!m.down) {
          before = flattenSnapshot(await readCatalog(db));
          if (verifyFailure) done({ status: 'failed', differences: verifyDifferences, reason: verifyDifferences[0], findings: verifyFindings });
          else done({ status: 'skipped', differences: [], reason: 'no DOWN section', findings: [] });
          continue;
        }
        progress('down');
        const downFailure = await applySection(db, m.down, options.signal);
        if (downFailure) {
          const finding = migrationFailureFinding(maker, m, downFailure, 'DOWN');
          stoppedBy = await rebuild(db, reset, migrations.slice(0, index + 1), options.signal);
          before = flattenSnapshot(await readCatalog(db));
          done({ status: 'failed', differences: [`DOWN fails: ${withSqlstate(downFailure)}`], reason: `DOWN fails: ${withSqlstate(downFailure)}`, findings: defined([finding]) });
          continue;
        }
        progress('compare');
        const changes = diffObjects(before, flattenSnapshot(await readCatalog(db)));
        const differences = [...verifyDifferences, ...changes.map((c) => describeChange(c, m))];
        const findings = [...verifyFindings, ...changes.map((c) => changeFinding(maker, m, c, migrations.slice(0, index)))];
        progress('up again');
        const againFailure = await applySection(db, m.up, options.signal);
        if (againFailure) {
          differences.push(`UP fails when applied again after DOWN: ${withSqlstate(againFailure)}`);
          findings.push(rerunFinding(maker, m, againFailure));
          stoppedBy = await rebuild(db, reset, migrations.slice(0, index + 1), options.signal);
        }
        before = flattenSnapshot(await readCatalog(db));
        const reported = defined(findings);
        // A rule turned off in the config does not fail the migration, but its difference is still listed.
        const failed = reported.length > 0;
        done({ status: failed ? 'failed' : 'passed', differences, ...(failed ? { reason: differences[0] } : {}), findings: reported });
      }
    });
  } finally {
    if (!options.pool) await pool.dispose();
  }
  return results;
}

/** Back to the state after `applied`, when a failed DOWN or UP left the database in between. */
async function rebuild(db: Db, reset: () => Promise<void>, applied: readonly Migration[], signal?: AbortSignal): Promise<string | undefined> {
  await reset();
  for (const m of applied) {
    const failure = await applySection(db, m.up, signal);
    if (failure) return `${fileName(m)} could not be applied again after its round trip, so the migrations after it were not verified`;
  }
  return undefined;
}

function fileName(m: Migration): string {
  return path.basename(m.up.file);
}

function defined(list: (SchemaFinding | undefined)[]): SchemaFinding[] {
  return list.filter((f): f is SchemaFinding => f !== undefined);
}

/**
 * Left behind: on the UP statement that creates it (as lint's down-incomplete). Removed by a DOWN
 * statement that drops it: on that statement. Missing after DOWN otherwise (UP dropped it and
 * DOWN does not put it back): on the statement that created it, in an earlier migration or this
 * UP. Not restored: on the DOWN statement that names it. Otherwise on the DOWN marker.
 */
function changeFinding(maker: FindingMaker, m: Migration, c: SchemaChange, earlier: readonly Migration[]): SchemaFinding | undefined {
  const down = m.down!;
  const o = c.object;
  if (c.kind === 'added') {
    const inUp = locateMention(sectionStatements(m.up), o.mentions, 'first');
    const place = inUp ? { file: m.up.file, text: m.up.fileText, ...inUp } : { file: down.file, text: down.fileText, ...sectionHead(down) };
    return maker.make(DOWN_NOT_REVERTING, place, `DOWN ${describeRoundTripChange(c)}: UP creates it and DOWN does not drop it`, { help: `drop it in the DOWN section: ${dropSql(o)}` });
  }
  if (c.kind === 'removed') {
    const dropping = droppingStatement(m, o);
    if (dropping) {
      return maker.make(DOWN_NOT_REVERTING, { file: down.file, text: down.fileText, ...dropping }, `DOWN ${describeRoundTripChange(c)}`, { help: 'drop only what this migration\'s UP created; what existed before UP must be there after DOWN' });
    }
    return maker.make(DOWN_NOT_REVERTING, creationPlace(m, o, earlier), missingAfterDown(o), { help: `re-create it in the DOWN section, as the statement here created it` });
  }
  const inDown = locateMention(sectionStatements(down), o.mentions, 'last');
  const place = { file: down.file, text: down.fileText, ...(inDown ?? sectionHead(down)) };
  return maker.make(DOWN_NOT_REVERTING, place, `DOWN ${describeRoundTripChange(c)}`, { help: 'make DOWN put the object back exactly as it was before UP' });
}

/** The difference in the result's list: what DOWN did, or what is missing after it. */
function describeChange(c: SchemaChange, m: Migration): string {
  return c.kind === 'removed' && !droppingStatement(m, c.object) ? missingAfterDown(c.object) : `DOWN ${describeRoundTripChange(c)}`;
}

function missingAfterDown(o: SchemaObject): string {
  return `after DOWN, ${o.display}${o.summary ? ` (${o.summary})` : ''} is missing: it existed before UP, and DOWN does not put it back`;
}

/** The DOWN statement that names the object and drops something: DOWN removed it itself. */
function droppingStatement(m: Migration, o: SchemaObject): TextRange | undefined {
  const drops = sectionStatements(m.down!).filter((st) => st.tokens.some((t) => t.keyword === 'drop'));
  return locateMention(drops, o.mentions, 'last');
}

/** Where the object was made: the newest earlier migration whose UP names it, else this UP, else the DOWN marker. */
function creationPlace(m: Migration, o: SchemaObject, earlier: readonly Migration[]): { file: string; text: string; start: number; end: number } {
  for (const e of [...earlier].reverse()) {
    const at = locateMention(sectionStatements(e.up), o.mentions, 'last');
    if (at) return { file: e.up.file, text: e.up.fileText, ...at };
  }
  const inUp = locateMention(sectionStatements(m.up), o.mentions, 'first');
  if (inUp) return { file: m.up.file, text: m.up.fileText, ...inUp };
  return { file: m.down!.file, text: m.down!.fileText, ...sectionHead(m.down!) };
}

function rerunFinding(maker: FindingMaker, m: Migration, f: ApplyFailure): SchemaFinding | undefined {
  return maker.make(UP_NOT_RERUNNABLE, { file: m.up.file, text: m.up.fileText, start: f.start, end: f.end },
    `UP fails when applied again after DOWN${f.statementNumber ? ` (statement ${f.statementNumber})` : ''}: ${withSqlstate(f)}`,
    { help: f.hint ?? 'make DOWN undo everything UP does: what it leaves behind makes the next UP fail', detail: f.detail });
}

/** The statement that removes an object, for the help line. */
export function dropSql(o: SchemaObject): string {
  const q = (schema: string | undefined, name: string) => (schema && schema !== 'public' ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name));
  const table = o.table ? q(o.schema, o.table) : '';
  switch (o.kind) {
    case 'extension': return `DROP EXTENSION IF EXISTS ${quoteIdent(o.name)};`;
    case 'schema': return `DROP SCHEMA IF EXISTS ${quoteIdent(o.name)};`;
    case 'column': return `ALTER TABLE ${table} DROP COLUMN IF EXISTS ${quoteIdent(o.name)};`;
    case 'constraint': return `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${quoteIdent(o.name)};`;
    case 'index': return `DROP INDEX IF EXISTS ${q(o.schema, o.name)};`;
    case 'trigger': return `DROP TRIGGER IF EXISTS ${quoteIdent(o.name)} ON ${table};`;
    case 'policy': return `DROP POLICY IF EXISTS ${quoteIdent(o.name)} ON ${table};`;
    case 'type': return `DROP TYPE IF EXISTS ${q(o.schema, o.name)};`;
    case 'function': case 'procedure': case 'aggregate': case 'window': {
      const paren = o.name.indexOf('(');
      return `DROP ${o.kind === 'window' ? 'FUNCTION' : o.kind.toUpperCase()} IF EXISTS ${q(o.schema, o.name.slice(0, paren))}${o.name.slice(paren)};`;
    }
    case 'partitioned table': case 'foreign table': case 'table': return `DROP ${o.kind === 'foreign table' ? 'FOREIGN TABLE' : 'TABLE'} IF EXISTS ${q(o.schema, o.name)};`;
    case 'view': return `DROP VIEW IF EXISTS ${q(o.schema, o.name)};`;
    case 'materialized view': return `DROP MATERIALIZED VIEW IF EXISTS ${q(o.schema, o.name)};`;
    case 'sequence': return `DROP SEQUENCE IF EXISTS ${q(o.schema, o.name)};`;
  }
}
