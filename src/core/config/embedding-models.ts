// "Which model claims table.column": the one resolver that lint rules, validate's vector checks,
// the query-pattern checks and hovers ask, so they never disagree about a column's model.
//
// A glob is `table.column` (any schema) or `schema.table.column`; `*` matches any run of
// characters within one part, `?` one character. An exact glob (no wildcard) wins over wildcards,
// then the first model declared wins. A column no model claims is checked against the default
// model: the config's `embedding` when it is given, else the first model of `embeddings`.
import type { ProjectConfig } from './config';
import type { Distance, EmbeddingModel, EmbeddingType } from './embedding';

export type EmbeddingConfig = Pick<ProjectConfig, 'embedding' | 'embeddings' | 'defaultModel'>;

/** The model a column is checked against. */
export interface ColumnEmbedding {
  /** The named model, or undefined for the config's one `embedding` (or no config). */
  model?: EmbeddingModel;
  /** The glob that claimed the column; undefined when the column fell back to the default model. */
  glob?: string;
  dimensions?: number;
  distance: Distance;
  /** The column type the model declares; undefined for the unnamed `embedding`. */
  type?: EmbeddingType;
}

/** The model that claims `table.column`; `table` may be a key such as `public.chunks` or a bare name. */
export function embeddingFor(config: EmbeddingConfig, table: string, column: string): ColumnEmbedding {
  const claimed = claimingModel(config.embeddings, table, column);
  if (claimed) return { model: claimed.model, glob: claimed.glob, ...settingsOf(claimed.model) };
  const fallback = config.defaultModel !== undefined ? config.embeddings.find((m) => m.name === config.defaultModel) : undefined;
  if (fallback) return { model: fallback, ...settingsOf(fallback) };
  return { dimensions: config.embedding.dimensions, distance: config.embedding.distance };
}

function settingsOf(m: EmbeddingModel): Pick<ColumnEmbedding, 'dimensions' | 'distance' | 'type'> {
  return { dimensions: m.dimensions, distance: m.distance, type: m.type };
}

function claimingModel(models: readonly EmbeddingModel[], table: string, column: string): { model: EmbeddingModel; glob: string } | undefined {
  let wildcard: { model: EmbeddingModel; glob: string } | undefined;
  for (const model of models) {
    for (const glob of model.columns) {
      if (!globMatchesColumn(glob, table, column)) continue;
      if (!/[*?]/.test(glob)) return { model, glob };
      wildcard ??= { model, glob };
    }
  }
  return wildcard;
}

/** Whether `glob` (`table.column` or `schema.table.column`) matches the column. */
export function globMatchesColumn(glob: string, table: string, column: string): boolean {
  const [schema, name] = table.includes('.') ? splitOnce(table) : ['public', table];
  const parts = glob.split('.');
  const subject = parts.length === 3 ? [schema, name, column] : parts.length === 2 ? [name, column] : undefined;
  return !!subject && parts.every((p, i) => globPart(p).test(subject[i]));
}

function splitOnce(key: string): [string, string] {
  const at = key.indexOf('.');
  return [key.slice(0, at), key.slice(at + 1)];
}

function globPart(part: string): RegExp {
  const body = part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** "model minilm, 384 dims, cosine" or "the project's embedding, 1536 dims, cosine". */
export function describeEmbedding(e: ColumnEmbedding): string {
  const who = e.model ? `model ${e.model.name}` : 'the project\'s embedding';
  const dims = e.dimensions !== undefined ? `${e.dimensions} dims` : 'dimensions not declared';
  const type = e.type && e.type !== 'vector' ? `, ${e.type}` : '';
  const how = e.model && !e.glob ? ' (default model: no model claims this column)' : '';
  return `${who}, ${dims}, ${e.distance}${type}${how}`;
}

/** Who says what the column must be, for messages: "model minilm (pgvector-migrator.json)". */
export function embeddingSource(e: ColumnEmbedding): string {
  if (!e.model) return 'the project\'s embeddings (pgvector-migrator.json)';
  return e.glob ? `model ${e.model.name} (pgvector-migrator.json, "${e.glob}")` : `model ${e.model.name}, the default model (pgvector-migrator.json; no model claims this column)`;
}

/** The config key that sets the column's dimensions, for help texts. */
export function dimensionsKey(e: ColumnEmbedding): string {
  return e.model ? `embeddings.${e.model.name}.dimensions` : 'embedding.dimensions';
}

/** A glob of `embeddings` that matches none of `columns` ({ table key, column } pairs): a config warning. */
export interface UnmatchedGlob {
  model: string;
  glob: string;
}

export function unmatchedGlobs(config: EmbeddingConfig, columns: Iterable<{ table: string; column: string }>): UnmatchedGlob[] {
  const list = [...columns];
  const out: UnmatchedGlob[] = [];
  for (const model of config.embeddings) {
    for (const glob of model.columns) {
      if (!list.some((c) => globMatchesColumn(glob, c.table, c.column))) out.push({ model: model.name, glob });
    }
  }
  return out;
}

/** The models whose vectors a column of `type(dimensions)` could hold: candidates for "Declare this column as model X". */
export function modelsFitting(config: EmbeddingConfig, type: string, dimensions: number): EmbeddingModel[] {
  return config.embeddings.filter((m) => m.dimensions === dimensions && m.type === type);
}
