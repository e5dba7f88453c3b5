// The one source of embedding defaults, read by lint, validate and the schema checks alike. The
// distance has a default (cosine, what most embedding models are trained for); the dimensions have
// none: a guessed size would turn every column of another model into an error naming a config
// file the project may not have. Without declared dimensions, columns are compared with each
// other (the same embedding at two sizes), never with a guess.

export type Distance = 'cosine' | 'l2' | 'inner_product' | 'l1' | 'hamming' | 'jaccard';

export const DISTANCES: readonly Distance[] = ['cosine', 'l2', 'inner_product', 'l1', 'hamming', 'jaccard'];

export const DEFAULT_DISTANCE: Distance = 'cosine';

/** What the project embeds with: the config's `embedding`, with the defaults where it is silent. */
export interface EmbeddingSettings {
  /** Undefined unless the config declares it. */
  dimensions?: number;
  distance: Distance;
}

export function defaultEmbedding(): EmbeddingSettings {
  return { distance: DEFAULT_DISTANCE };
}

/** A starting `embedding` for a new config file: OpenAI's text-embedding-3-small, a common first model. */
export const STARTER_EMBEDDING: Readonly<Required<EmbeddingSettings>> = Object.freeze({ dimensions: 1536, distance: DEFAULT_DISTANCE });

/** The column types an embedding model's vectors are stored in. */
export type EmbeddingType = 'vector' | 'halfvec' | 'sparsevec' | 'bit';

export const EMBEDDING_TYPES: readonly EmbeddingType[] = ['vector', 'halfvec', 'sparsevec', 'bit'];

/**
 * One named model of the config's `embeddings`: its vectors' size, distance and column type, and
 * the `table.column` globs of the columns that hold them (see embedding-models.ts for matching).
 */
export interface EmbeddingModel extends EmbeddingSettings {
  name: string;
  type: EmbeddingType;
  columns: string[];
}
