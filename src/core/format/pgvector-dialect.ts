// sql-formatter's PostgreSQL dialect, taught pgvector's types and functions. Unknown to the stock
// dialect, `vector(1536)` comes out as `vector (1536)` and `cosine_distance(a, b)` as
// `cosine_distance (a, b)`: valid SQL, but not what anyone writes, and noisy in a diff.
import { postgresql } from 'sql-formatter';
import type { DialectOptions } from 'sql-formatter';

const PGVECTOR_TYPES = ['VECTOR', 'HALFVEC', 'SPARSEVEC'];

const PGVECTOR_FUNCTIONS = [
  'BINARY_QUANTIZE', 'COSINE_DISTANCE', 'HAMMING_DISTANCE', 'INNER_PRODUCT', 'JACCARD_DISTANCE',
  'L1_DISTANCE', 'L2_DISTANCE', 'L2_NORM', 'L2_NORMALIZE', 'SUBVECTOR', 'VECTOR_DIMS', 'VECTOR_NORM',
];

/** One object for the process: sql-formatter caches the compiled dialect by identity. */
export const pgvectorDialect: DialectOptions = {
  ...postgresql,
  name: 'postgresql+pgvector',
  tokenizerOptions: {
    ...postgresql.tokenizerOptions,
    reservedDataTypes: [...postgresql.tokenizerOptions.reservedDataTypes, ...PGVECTOR_TYPES],
    reservedFunctionNames: [...postgresql.tokenizerOptions.reservedFunctionNames, ...PGVECTOR_FUNCTIONS],
  },
};
