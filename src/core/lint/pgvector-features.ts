// Which pgvector release introduced which feature, so a migration that uses a newer feature than
// the configured `pgvectorVersion` fails here, in review, instead of on the production server.

export interface PgvectorFeature {
  /** Stable key: one finding per feature per statement. */
  key: string;
  /** How messages name it, as the subject of "needs": "the halfvec type", "binary_quantize()". */
  label: string;
  since: string;
}

const HALFVEC: PgvectorFeature = { key: 'halfvec', label: 'the halfvec type', since: '0.7.0' };
const SPARSEVEC: PgvectorFeature = { key: 'sparsevec', label: 'the sparsevec type', since: '0.7.0' };
const HNSW: PgvectorFeature = { key: 'hnsw', label: 'the hnsw index method', since: '0.5.0' };
const BIT_VECTORS: PgvectorFeature = { key: 'bit', label: 'bit vector support', since: '0.7.0' };
const L1_OPERATOR: PgvectorFeature = { key: 'l1', label: 'the L1 distance operator <+>', since: '0.7.0' };

export const TYPE_FEATURES: Readonly<Record<string, PgvectorFeature>> = { halfvec: HALFVEC, sparsevec: SPARSEVEC };

export const ACCESS_METHOD_FEATURES: Readonly<Record<string, PgvectorFeature>> = { hnsw: HNSW };

export const OPERATOR_FEATURES: Readonly<Record<string, PgvectorFeature>> = {
  '<~>': { ...BIT_VECTORS, label: 'the Hamming distance operator <~>' },
  '<%>': { ...BIT_VECTORS, label: 'the Jaccard distance operator <%>' },
  '<+>': L1_OPERATOR,
};

export const FUNCTION_FEATURES: Readonly<Record<string, PgvectorFeature>> = {
  binary_quantize: { ...BIT_VECTORS, label: 'binary_quantize()' },
  hamming_distance: { ...BIT_VECTORS, label: 'hamming_distance()' },
  jaccard_distance: { ...BIT_VECTORS, label: 'jaccard_distance()' },
  subvector: { key: 'subvector', label: 'subvector()', since: '0.7.0' },
  l2_normalize: { key: 'l2_normalize', label: 'l2_normalize()', since: '0.7.0' },
  l1_distance: { key: 'l1_distance', label: 'l1_distance()', since: '0.5.0' },
};

/** Operator classes newer than the types they index; halfvec_* and sparsevec_* follow their type. */
export function opclassFeature(opclass: string): PgvectorFeature | undefined {
  const name = opclass.toLowerCase();
  if (name.startsWith('halfvec_')) return HALFVEC;
  if (name.startsWith('sparsevec_')) return SPARSEVEC;
  if (name === 'bit_hamming_ops' || name === 'bit_jaccard_ops') return { ...BIT_VECTORS, label: `the ${name} operator class` };
  if (name.endsWith('_l1_ops')) return { ...L1_OPERATOR, label: `the ${name} operator class` };
  return undefined;
}

const ITERATIVE_SCAN_SETTINGS = new Set([
  'hnsw.iterative_scan', 'hnsw.max_scan_tuples', 'hnsw.scan_mem_multiplier', 'ivfflat.iterative_scan', 'ivfflat.max_probes',
]);

/** Settings (GUCs) by release: iterative scans arrived in 0.8.0, hnsw.ef_search with HNSW. */
export function settingFeature(name: string): PgvectorFeature | undefined {
  const setting = name.toLowerCase();
  if (ITERATIVE_SCAN_SETTINGS.has(setting)) return { key: `setting:${setting}`, label: `the ${setting} setting (iterative index scans)`, since: '0.8.0' };
  if (setting === 'hnsw.ef_search') return { key: 'setting:hnsw.ef_search', label: 'the hnsw.ef_search setting', since: '0.5.0' };
  return undefined;
}

/** Compares dotted versions numerically: '0.10.0' is newer than '0.8.0'; a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
