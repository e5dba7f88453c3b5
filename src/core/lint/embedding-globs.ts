// The config warning for `embeddings`: a `columns` glob that claims no vector column of the schema
// the migrations build is a typo or a stale name, and its columns silently fall back to the
// default model.
import type { ProjectConfig } from '../config/config';
import { unmatchedGlobs, UnmatchedGlob } from '../config/embedding-models';
import type { ParsedSet } from './parse-set';
import { finalSchema } from '../model';
import { vectorFamily } from './vector-types';

export function unmatchedModelGlobs(parsed: ParsedSet, config: ProjectConfig): UnmatchedGlob[] {
  if (config.embeddings.length === 0) return [];
  const schema = finalSchema(parsed.migrations);
  const columns = [...schema.tables].flatMap(([key, t]) => [...t.columns.values()]
    .filter((c) => vectorFamily(c.type))
    .map((c) => ({ table: key, column: c.name })));
  return unmatchedGlobs(config, columns);
}

/** `pgvector-migrator.json: embeddings.minilm.columns "*.local_embeding" matches no vector column ...`. */
export function unmatchedGlobWarning(g: UnmatchedGlob, configName: string): string {
  return `warning: ${configName}: embeddings.${g.model}.columns "${g.glob}" matches no vector column of the schema the migrations build; `
    + 'fix the glob (table.column or schema.table.column) or remove it';
}
