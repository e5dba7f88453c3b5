// The memory an HNSW or IVFFlat build needs, from pgvector's own data structures (0.8: hnsw.h,
// ivfflat.h), against maintenance_work_mem; and the parallel workers PostgreSQL gives the build
// (plan_create_index_workers). When the HNSW graph outgrows maintenance_work_mem, pgvector says
// "hnsw graph no longer fits into maintenance_work_mem" and goes on an order of magnitude slower;
// IVFFlat refuses to build instead ("memory required is ... MB").

export interface IndexMemory {
  memoryBytes: number;
  maintenanceWorkMemBytes: number;
  fits: boolean;
  /** A maintenance_work_mem that fits, rounded up to a power of two MB: the setting to use. */
  suggestedSetting?: string;
}

/** sizeof(HnswElementData) in pgvector 0.8, MAXALIGNed: tids, level, pointers, value pointer, lock. */
const HNSW_ELEMENT_BYTES = 144;
/** A neighbor candidate: element pointer, distance, closer flag (16 bytes); an array adds its length. */
const HNSW_CANDIDATE_BYTES = 16;
const HNSW_ARRAY_HEADER_BYTES = 8;
const POINTER_BYTES = 8;

/** A vector value as stored: varlena header and dimension count (8 bytes) plus 4 bytes a dimension (2 for halfvec). */
export function vectorValueBytes(dimensions: number, bytesPerDimension = 4): number {
  return maxAlign(8 + dimensions * bytesPerDimension);
}

/** Bytes one element of the HNSW graph takes while it is built: header, value and its neighbor lists. */
export function hnswElementBytes(dimensions: number, m: number, bytesPerDimension = 4): number {
  // Level 0 keeps 2m neighbors, each upper level m; an element reaches level l with probability m^-l,
  // so it has 1/(m-1) upper levels on average.
  const upperLevels = 1 / (m - 1);
  const level0 = HNSW_ARRAY_HEADER_BYTES + HNSW_CANDIDATE_BYTES * 2 * m;
  const upper = HNSW_ARRAY_HEADER_BYTES + HNSW_CANDIDATE_BYTES * m;
  const neighbors = POINTER_BYTES * (1 + upperLevels) + level0 + upper * upperLevels;
  return HNSW_ELEMENT_BYTES + vectorValueBytes(dimensions, bytesPerDimension) + neighbors;
}

export function hnswMemory(rows: number, dimensions: number, m: number, maintenanceWorkMemBytes: number, bytesPerDimension = 4): IndexMemory {
  return verdict(Math.ceil(rows * hnswElementBytes(dimensions, m, bytesPerDimension)), maintenanceWorkMemBytes);
}

/** IVFFlat's k-means: a sample of max(50 × lists, 10,000) rows (at most the table) and the centers, in memory at once. */
export function ivfflatMemory(rows: number, dimensions: number, lists: number, maintenanceWorkMemBytes: number, bytesPerDimension = 4): IndexMemory {
  const samples = Math.min(Math.max(50 * lists, 10000), Math.max(rows, 1));
  const value = vectorValueBytes(dimensions, bytesPerDimension);
  // Samples and two sets of centers (new and old), plus per-center counters.
  return verdict(Math.ceil(samples * value + 2 * lists * value + lists * 16), maintenanceWorkMemBytes);
}

function verdict(memoryBytes: number, maintenanceWorkMemBytes: number): IndexMemory {
  const fits = memoryBytes <= maintenanceWorkMemBytes;
  return { memoryBytes, maintenanceWorkMemBytes, fits, ...(fits ? {} : { suggestedSetting: suggestedSetting(memoryBytes) }) };
}

/** The next power of two in MB (GB from 1 GB on) above the need, with a quarter spare. */
export function suggestedSetting(bytes: number): string {
  const mb = Math.ceil((bytes * 1.25) / 2 ** 20);
  const pow = 2 ** Math.ceil(Math.log2(Math.max(mb, 1)));
  return pow >= 1024 ? `${pow / 1024}GB` : `${pow}MB`;
}

/**
 * The parallel workers PostgreSQL plans for an index build (compute_parallel_worker): none below
 * min_parallel_table_scan_size of heap, one more each time the heap triples, at most
 * max_parallel_maintenance_workers, and fewer while each participant would get under 32 MB.
 */
export function parallelWorkers(heapBytes: number, settings: { maxParallelMaintenanceWorkers: number; minParallelTableScanSizeBytes: number; maintenanceWorkMemBytes: number }): number {
  if (settings.maxParallelMaintenanceWorkers <= 0 || heapBytes < settings.minParallelTableScanSizeBytes) return 0;
  let workers = 1;
  for (let threshold = settings.minParallelTableScanSizeBytes * 3; heapBytes >= threshold && workers < settings.maxParallelMaintenanceWorkers; threshold *= 3) workers++;
  workers = Math.min(workers, settings.maxParallelMaintenanceWorkers);
  while (workers > 0 && settings.maintenanceWorkMemBytes / (workers + 1) < 32 * 2 ** 20) workers--;
  return workers;
}

function maxAlign(n: number): number {
  return Math.ceil(n / 8) * 8;
}
