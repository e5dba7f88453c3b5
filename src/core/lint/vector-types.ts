// What pgvector knows about its types, operators, operator classes and index limits, in one place,
// so the vector rules agree with each other and with pgvector's own SQL (vector--*.sql).
import type { Distance } from '../config/config';

/** pgvector's vector types; `bit` is PostgreSQL's own type, which pgvector indexes and quantizes into. */
export type VectorFamily = 'vector' | 'halfvec' | 'sparsevec' | 'bit';

/** Types the vector extension itself defines: a column of one of these needs CREATE EXTENSION vector. */
export const PGVECTOR_TYPES: ReadonlySet<string> = new Set(['vector', 'halfvec', 'sparsevec']);

/** Embedding types whose dimension is the embedding model's output size (sparsevec's is a vocabulary size). */
export const DENSE_EMBEDDING_TYPES: ReadonlySet<string> = new Set(['vector', 'halfvec']);

export function vectorFamily(typeName: string | undefined): VectorFamily | undefined {
  return typeName === 'vector' || typeName === 'halfvec' || typeName === 'sparsevec' || typeName === 'bit' ? typeName : undefined;
}

export type VectorIndexMethod = 'hnsw' | 'ivfflat';

export function vectorIndexMethod(accessMethod: string | undefined): VectorIndexMethod | undefined {
  const m = accessMethod?.toLowerCase();
  return m === 'hnsw' || m === 'ivfflat' ? m : undefined;
}

/** The most dimensions each index method accepts per type (pgvector's HNSW_MAX_DIM, IVFFLAT_MAX_DIM, ...). */
export const INDEX_DIMENSION_LIMITS: Record<VectorIndexMethod, Partial<Record<VectorFamily, number>>> = {
  hnsw: { vector: 2000, halfvec: 4000, bit: 64000 },
  ivfflat: { vector: 2000, halfvec: 4000, bit: 64000 },
};

/** HNSW indexes sparsevec values with at most this many non-zero elements (checked per row, at insert). */
export const SPARSEVEC_HNSW_NONZERO_LIMIT = 1000;

/** The operator each distance orders by. */
export const DISTANCE_OPERATORS: Record<Distance, string> = {
  l2: '<->',
  cosine: '<=>',
  inner_product: '<#>',
  l1: '<+>',
  hamming: '<~>',
  jaccard: '<%>',
};

/** Every distance operator pgvector defines. */
export const PGVECTOR_OPERATORS: ReadonlySet<string> = new Set(Object.values(DISTANCE_OPERATORS));

const DISTANCE_LABELS: Record<Distance, string> = {
  l2: 'L2 distance',
  cosine: 'cosine distance',
  inner_product: 'inner product',
  l1: 'L1 distance',
  hamming: 'Hamming distance',
  jaccard: 'Jaccard distance',
};

/** 'cosine distance (<=>)'. */
export function describeDistance(distance: Distance): string {
  return `${DISTANCE_LABELS[distance]} (${DISTANCE_OPERATORS[distance]})`;
}

const OPCLASS_SUFFIX: Record<Distance, string> = {
  l2: 'l2',
  cosine: 'cosine',
  inner_product: 'ip',
  l1: 'l1',
  hamming: 'hamming',
  jaccard: 'jaccard',
};

/** Operator classes pgvector ships, per index method (bit has no default class: it must be named). */
const OPCLASSES: Record<VectorIndexMethod, ReadonlySet<string>> = {
  hnsw: new Set([
    'vector_l2_ops', 'vector_ip_ops', 'vector_cosine_ops', 'vector_l1_ops',
    'halfvec_l2_ops', 'halfvec_ip_ops', 'halfvec_cosine_ops', 'halfvec_l1_ops',
    'sparsevec_l2_ops', 'sparsevec_ip_ops', 'sparsevec_cosine_ops', 'sparsevec_l1_ops',
    'bit_hamming_ops', 'bit_jaccard_ops',
  ]),
  ivfflat: new Set([
    'vector_l2_ops', 'vector_ip_ops', 'vector_cosine_ops',
    'halfvec_l2_ops', 'halfvec_ip_ops', 'halfvec_cosine_ops',
    'bit_hamming_ops',
  ]),
};

/** The class an index uses when none is named: `vector_l2_ops` for vector, none for bit. */
export function defaultOpclass(family: VectorFamily): string | undefined {
  return family === 'bit' ? undefined : `${family}_l2_ops`;
}

export interface OpclassMeaning {
  family: VectorFamily;
  distance: Distance;
}

/** 'halfvec_cosine_ops' -> { family: 'halfvec', distance: 'cosine' }; undefined for other classes. */
export function opclassMeaning(opclass: string): OpclassMeaning | undefined {
  const m = /^(vector|halfvec|sparsevec|bit)_(l2|ip|cosine|l1|hamming|jaccard)_ops$/.exec(opclass.toLowerCase());
  if (!m) return undefined;
  const distance = (Object.keys(OPCLASS_SUFFIX) as Distance[]).find((d) => OPCLASS_SUFFIX[d] === m[2]);
  return distance ? { family: m[1] as VectorFamily, distance } : undefined;
}

/**
 * The class that serves `distance` for `family` under `method`, or undefined when pgvector has
 * none (ivfflat has no L1 classes; only bit serves Hamming and Jaccard).
 */
export function opclassFor(family: VectorFamily, distance: Distance, method: VectorIndexMethod): string | undefined {
  const name = `${family}_${OPCLASS_SUFFIX[distance]}_ops`;
  return OPCLASSES[method].has(name) ? name : undefined;
}

export function isKnownOpclass(opclass: string, method: VectorIndexMethod): boolean {
  return OPCLASSES[method].has(opclass.toLowerCase());
}

/** Distances a binary-quantized (bit) index serves: the project's own distance is kept for re-ranking. */
export const BIT_DISTANCES: ReadonlySet<Distance> = new Set<Distance>(['hamming', 'jaccard']);

/** 'hnsw' -> 'HNSW'. */
export function methodLabel(method: VectorIndexMethod): string {
  return method === 'hnsw' ? 'HNSW' : 'IVFFlat';
}

/** 1536 -> '1,536' (how pgvector's docs and our messages write dimension counts). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
