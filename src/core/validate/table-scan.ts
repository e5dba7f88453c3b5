// One scan per table for all its row-level checks: every probe's aggregates go into a single
// SELECT, so a table of a million embeddings is read once, not once per check. Offending rows are
// sampled afterwards, only for checks that failed.
import type { Db } from '../db/types';
import { dbErrorFields } from '../db/types';
import type { CheckResult, SampleKey } from './types';
import type { Column, Table } from './catalog';
import { Params, RowProbe, ScanContext, Judged } from './probe';
import { errorResult, failsWholeTable, isCancel } from './read-only';

export type ReadOnly = <T>(work: () => Promise<T>) => Promise<T>;

export const SAMPLE_SIZE = 10;

interface Context extends ScanContext {
  vectors: Column[];
}

function scanContext(table: Table, ext: string): Context {
  const vectors: Column[] = [];
  return {
    table,
    ext,
    vectors,
    col: (c) => `t.${c.quoted}`,
    // An unusual name: CHECK expressions copied from the catalog name the table's columns unqualified.
    vec: (c) => {
      if (!vectors.includes(c)) vectors.push(c);
      return `v.pgvm_vector_${vectors.indexOf(c)}`;
    },
  };
}

/** The FROM clause, built after the expressions so that it names every vector they read. */
function fromClause(ctx: Context): string {
  const base = `${ctx.table.quoted} AS t`;
  if (ctx.vectors.length === 0) return base;
  // A vector of 768 floats lives in TOAST, and each function given the plain column fetches it
  // again. ARRAY[...] stores its element detoasted, so unnest hands every check the same copy:
  // one fetch per row however many checks read the vector, and the scan can still run in parallel.
  const arrays = ctx.vectors.map((c) => `ARRAY[t.${c.quoted}]`).join(', ');
  const names = ctx.vectors.map((_, i) => `pgvm_vector_${i}`).join(', ');
  return `${base} CROSS JOIN LATERAL unnest(${arrays}) AS v(${names})`;
}

/** Builds the single aggregate query of a table's probes. */
export function buildScan(table: Table, ext: string, probes: readonly RowProbe[]): { sql: string; params: unknown[]; ctx: Context; widths: number[]; histograms: (number | undefined)[] } {
  const ctx = scanContext(table, ext);
  const p = new Params();
  const select: string[] = ['count(*) AS n'];
  const widths: number[] = [];
  for (const probe of probes) {
    const aggregates = probe.aggregates(ctx, p);
    widths.push(aggregates.length);
    for (const a of aggregates) select.push(`${a} AS a${select.length - 1}`);
  }
  const grouped: string[] = [];
  const histograms = probes.map((probe) => {
    const expr = probe.histogram?.(ctx, p);
    if (expr === undefined) return undefined;
    grouped.push(expr);
    return grouped.length - 1;
  });
  let groupBy = '';
  if (grouped.length > 0) {
    grouped.forEach((expr, i) => select.push(`${expr} AS h${i}`));
    select.push(`GROUPING(${grouped.join(', ')}) AS g`);
    groupBy = ` GROUP BY GROUPING SETS ((), ${grouped.map((e) => `(${e})`).join(', ')})`;
  }
  const sql = `SELECT ${select.join(', ')} FROM ${fromClause(ctx)}${groupBy}`;
  return { sql, params: p.values, ctx, widths, histograms };
}

/** Scans the table once and judges every probe; throws when the scan fails. */
async function scanOnce(db: Db, table: Table, ext: string, probes: readonly RowProbe[], readOnly: ReadOnly): Promise<{ judged: Judged[]; ctx: Context }> {
  return readOnly(async () => {
    for (const probe of probes) await probe.prepare?.(db);
    const scan = buildScan(table, ext, probes);
    const rows = (await db.query<Record<string, unknown>>(scan.sql, scan.params)).rows;
    const groupedCount = scan.histograms.filter((h) => h !== undefined).length;
    const allBits = (1 << groupedCount) - 1;
    const totals = groupedCount === 0 ? rows[0] : rows.find((r) => Number(r.g) === allBits);
    if (!totals) throw new Error(`the scan of ${table.display} returned no totals row`);
    const judged: Judged[] = [];
    let offset = 1;
    probes.forEach((probe, i) => {
      const values = Array.from({ length: scan.widths[i] }, (_, j) => totals[`a${offset + j - 1}`]);
      offset += scan.widths[i];
      const h = scan.histograms[i];
      const histogram = h === undefined ? undefined : histogramOf(rows, h, groupedCount);
      judged.push(...probe.judge(values, histogram, scan.ctx));
    });
    return { judged, ctx: scan.ctx };
  });
}

/** Rows of grouping set `index`: GROUPING() has a 0 bit (counted from the left) for it. */
function histogramOf(rows: Record<string, unknown>[], index: number, groupedCount: number): Map<string, number> {
  const ownSet = (1 << groupedCount) - 1 - (1 << (groupedCount - 1 - index));
  const out = new Map<string, number>();
  for (const r of rows) {
    const key = r[`h${index}`];
    if (Number(r.g) === ownSet && key !== null && key !== undefined) out.set(String(key), Number(r.n));
  }
  return out;
}

/** Up to SAMPLE_SIZE keys of offending rows for each failed probe, in one query. */
async function sampleKeys(db: Db, ctx: Context, judged: Judged[], readOnly: ReadOnly): Promise<Map<Judged, SampleKey[]>> {
  const wanted = judged.filter((j) => j.offending && j.finding.status === 'fail');
  const out = new Map<Judged, SampleKey[]>();
  if (wanted.length === 0) return out;
  const p = new Params();
  const key = keyExpression(ctx);
  const limit = p.add(SAMPLE_SIZE, 'int4');
  const conditions = wanted.map((j) => j.offending!(p));
  const from = fromClause(ctx);
  const parts = conditions.map((cond, i) => `(SELECT ${i} AS k, ${key} AS key FROM ${from} WHERE ${cond} LIMIT ${limit})`);
  const sql = `SELECT s.k, s.key FROM (${parts.join(' UNION ALL ')}) AS s`;
  const rows = await readOnly(async () => (await db.query<{ k: unknown; key: string }>(sql, p.values)).rows);
  for (const row of rows) {
    const j = wanted[Number(row.k)];
    const list = out.get(j) ?? [];
    list.push(sampleValue(ctx.table, row.key));
    out.set(j, list);
  }
  return out;
}

/** The primary key as text (a JSON array for a composite key), or the ctid without one. */
function keyExpression(ctx: Context): string {
  const pk = ctx.table.primaryKey;
  if (pk.length === 0) return 't.ctid::text';
  if (pk.length === 1) return `t.${pk[0].quoted}::text`;
  return `json_build_array(${pk.map((c) => `t.${c.quoted}::text`).join(', ')})::text`;
}

function sampleValue(table: Table, text: string): SampleKey {
  const pk = table.primaryKey;
  if (pk.length <= 1) return numberIfInteger(text);
  const values = JSON.parse(text) as (string | null)[];
  return Object.fromEntries(pk.map((c, i) => [c.name, values[i] === null ? null : numberIfInteger(values[i]!)]));
}

function numberIfInteger(text: string): string | number {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

/**
 * Runs a table's probes in one scan. When the scan fails for a reason of one check's own (say, a
 * NOT VALID CHECK whose expression raises on some row), each probe runs alone so that only the
 * check that cannot run reports an error.
 */
export async function scanTable(db: Db, table: Table, ext: string, probes: readonly RowProbe[], readOnly: ReadOnly, timeout: string): Promise<CheckResult[]> {
  if (probes.length === 0) return [];
  try {
    return await scanAndSample(db, table, ext, probes, readOnly);
  } catch (err) {
    if (probes.length === 1 || failsWholeTable(dbErrorFields(err))) return probes.flatMap((p) => errorsFor(p, table, err, timeout));
  }
  const results: CheckResult[] = [];
  for (const probe of probes) {
    try {
      results.push(...(await scanAndSample(db, table, ext, [probe], readOnly)));
    } catch (err) {
      results.push(...errorsFor(probe, table, err, timeout));
    }
  }
  return results;
}

async function scanAndSample(db: Db, table: Table, ext: string, probes: readonly RowProbe[], readOnly: ReadOnly): Promise<CheckResult[]> {
  const { judged, ctx } = await scanOnce(db, table, ext, probes, readOnly);
  let samples = new Map<Judged, SampleKey[]>();
  let sampleError: string | undefined;
  try {
    samples = await sampleKeys(db, ctx, judged, readOnly);
  } catch (err) {
    if (isCancel(dbErrorFields(err))) throw err;
    sampleError = dbErrorFields(err).message;
  }
  return judged.map((j) => ({
    ...j.finding,
    message: sampleError && j.finding.status === 'fail' ? `${j.finding.message} (no sample: ${sampleError})` : j.finding.message,
    sample: samples.get(j) ?? [],
  }));
}

function errorsFor(probe: RowProbe, table: Table, err: unknown, timeout: string): CheckResult[] {
  return probe.covers.map((c) => errorResult(c.id, table.display, c.column, err, timeout));
}
