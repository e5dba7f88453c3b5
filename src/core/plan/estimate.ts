// How long a statement takes, as a range, from rates measured on a real server
// (scripts/bench-plan.mjs writes rates.json) scaled by the target table's own numbers: bytes for
// rewrites and scans, rows for B-tree builds, rows × dimensions × log2(rows) for HNSW graphs,
// sample and rows × dimensions × lists for IVFFlat's k-means and assignment. Never a point value: the range is the
// spread the calibration saw, widened.
import RATES from './rates.json';
import { hnswMemory, ivfflatMemory, parallelWorkers, IndexMemory } from './index-memory';
import type { IndexBuildTarget, LockTarget } from './statement-locks';

export interface Rates {
  measured: string;
  rewriteBytesPerSec: number;
  scanBytesPerSec: number;
  btreeRowsPerSec: number;
  /** HNSW at m = 16, ef_construction = 64, with `hnswWorkers` parallel workers. */
  hnswRowDimLogsPerSec: number;
  hnswWorkers: number;
  /** IVFFlat's k-means over its sample (max(50 × lists, 10,000) rows), in sample rows × dimensions × lists a second. */
  ivfflatSampleDimListsPerSec: number;
  /** IVFFlat's assignment of every row to its nearest list, in rows × dimensions × lists a second. */
  ivfflatRowDimListsPerSec: number;
  /** A catalog-only statement, round trip included. */
  statementMs: number;
  /** Measured time / predicted time, lowest and highest seen in calibration (widened). */
  spread: { low: number; high: number };
}

export const CALIBRATED_RATES: Rates = RATES;

export interface Estimate {
  lowMs: number;
  highMs: number;
}

/** What the estimate knows about the table a target works on. */
export interface TableSize {
  rows: number;
  /** What a scan reads. */
  heapBytes: number;
  /** What a rewrite copies: heap, TOAST and indexes. */
  rewriteBytes: number;
  indexes: { method: string; bytes: number }[];
  /** Dimensions of the table's vector columns, as the database declares them. */
  vectorColumns?: Record<string, number>;
}

export interface ServerSettings {
  maintenanceWorkMemBytes: number;
  maxParallelMaintenanceWorkers: number;
  minParallelTableScanSizeBytes: number;
}

export interface IndexBuildEstimate {
  method: string;
  rows: number;
  memoryBytes: number | null;
  maintenanceWorkMemBytes: number;
  fits: boolean | null;
  workers: number;
  suggestedSetting?: string;
}

export interface TargetEstimate {
  /** Milliseconds at the calibrated rate, before the spread. */
  ms: number;
  indexBuild?: IndexBuildEstimate;
}

/** An HNSW build that outgrows maintenance_work_mem goes on about ten times slower (pgvector's own warning; not calibrated). */
const HNSW_SPILL_SLOWDOWN = 10;

export function estimateTarget(t: LockTarget, size: TableSize, settings: ServerSettings, rates: Rates = CALIBRATED_RATES): TargetEstimate {
  const e = t.entry;
  let ms = 0;
  if (e.rewrite) ms += (size.rewriteBytes / rates.rewriteBytesPerSec) * 1000;
  else if (e.id === 'update') ms += (size.rewriteBytes / rates.rewriteBytesPerSec) * 1000;
  else if (e.scan) ms += (size.heapBytes / rates.scanBytesPerSec) * 1000;
  let indexBuild: IndexBuildEstimate | undefined;
  if (e.indexBuild) {
    const built = t.indexBuild ? [t.indexBuild] : size.indexes.map((i) => ({ method: i.method, options: {} } as IndexBuildTarget));
    for (const build of built) {
      const one = estimateIndexBuild(build, size, settings, rates);
      ms += one.ms;
      indexBuild ??= one.build;
    }
    // CONCURRENTLY builds once, then scans the table and the new index again to add what changed
    // meanwhile, and waits for older transactions: one more heap scan and a quarter more (not calibrated).
    if (e.outsideTransaction) ms = ms * 1.25 + (size.heapBytes / rates.scanBytesPerSec) * 1000;
  }
  return { ms, ...(indexBuild ? { indexBuild } : {}) };
}

function estimateIndexBuild(build: IndexBuildTarget, size: TableSize, settings: ServerSettings, rates: Rates): { ms: number; build: IndexBuildEstimate } {
  const rows = size.rows;
  const scanMs = (size.heapBytes / rates.scanBytesPerSec) * 1000;
  const workers = parallelWorkers(size.heapBytes, settings);
  const base = { method: build.method, rows, maintenanceWorkMemBytes: settings.maintenanceWorkMemBytes, workers };
  const dims = build.dimensions ?? (build.column ? size.vectorColumns?.[build.column] : undefined);
  if (build.method === 'hnsw' && dims) {
    const m = numberOption(build.options.m, 16);
    const efConstruction = numberOption(build.options.ef_construction, 64);
    const memory = hnswMemory(rows, dims, m, settings.maintenanceWorkMemBytes);
    // Work grows with ef_construction (candidates searched per insert) and with the square root of m.
    const work = rows * dims * Math.log2(Math.max(rows, 2)) * (efConstruction / 64) * Math.sqrt(m / 16);
    const speedup = (1 + workers) / (1 + rates.hnswWorkers);
    const ms = scanMs + ((work / rates.hnswRowDimLogsPerSec) * 1000 / speedup) * (memory.fits ? 1 : HNSW_SPILL_SLOWDOWN);
    return { ms, build: withMemory(base, memory) };
  }
  if (build.method === 'ivfflat' && dims) {
    const lists = numberOption(build.options.lists, 100);
    const memory = ivfflatMemory(rows, dims, lists, settings.maintenanceWorkMemBytes);
    const samples = Math.min(Math.max(50 * lists, 10000), Math.max(rows, 1));
    const ms = scanMs + ((samples * dims * lists) / rates.ivfflatSampleDimListsPerSec + (rows * dims * lists) / rates.ivfflatRowDimListsPerSec) * 1000;
    return { ms, build: withMemory(base, memory) };
  }
  const ms = scanMs + (rows / rates.btreeRowsPerSec) * 1000;
  return { ms, build: { ...base, memoryBytes: null, fits: null } };
}

function withMemory(base: Omit<IndexBuildEstimate, 'memoryBytes' | 'fits'>, memory: IndexMemory): IndexBuildEstimate {
  return { ...base, memoryBytes: memory.memoryBytes, fits: memory.fits, ...(memory.suggestedSetting ? { suggestedSetting: memory.suggestedSetting } : {}) };
}

function numberOption(value: string | number | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** A statement's range: its work at the calibrated rate, spread, plus its round trip. */
export function toRange(ms: number, rates: Rates = CALIBRATED_RATES): Estimate {
  return { lowMs: Math.round(ms * rates.spread.low + rates.statementMs), highMs: Math.round(ms * rates.spread.high + rates.statementMs) };
}

export function addEstimates(a: Estimate, b: Estimate): Estimate {
  return { lowMs: a.lowMs + b.lowMs, highMs: a.highMs + b.highMs };
}

/** "~20–60 s", "<10 ms", "~3–9 min": two significant figures at most, one unit. */
export function formatEstimate(e: Estimate): string {
  if (e.highMs < 10) return '<10 ms';
  const units: [number, string][] = [[3600000, 'h'], [60000, 'min'], [1000, 's'], [1, 'ms']];
  const [div, unit] = units.find(([d]) => e.highMs >= d * (d === 1 ? 1 : 2)) ?? [1, 'ms'];
  const low = round2(e.lowMs / div);
  const high = round2(e.highMs / div);
  return low === high ? `~${high} ${unit}` : `~${low}–${high} ${unit}`;
}

function round2(n: number): number {
  if (n === 0) return 0;
  if (n < 1) return Math.round(n * 10) / 10;
  const digits = Math.max(0, 1 - Math.floor(Math.log10(n)));
  const p = 10 ** Math.floor(Math.log10(n) - 1);
  return digits > 0 ? Math.round(n * 10 ** digits) / 10 ** digits : Math.round(n / p) * p;
}
