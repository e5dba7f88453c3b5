// The hover on a vector column's definition: which model claims it, its size and distance
// ("local_embedding: model minilm, 384 dims, cosine"), from the same resolver the rules use.
import type { ProjectConfig } from '../config/config';
import { describeEmbedding, embeddingFor } from '../config/embedding-models';
import { columnDefinitions } from '../lint/column-definitions';
import type { ParsedSet } from '../lint/parse-set';
import { vectorFamily } from '../lint/vector-types';

export interface EmbeddingHover {
  /** Markdown. */
  text: string;
  /** File offsets of the column's name and type. */
  start: number;
  end: number;
}

export function embeddingHoverAt(parsed: ParsedSet, config: ProjectConfig, file: string, offset: number): EmbeddingHover | undefined {
  for (const def of columnDefinitions(parsed)) {
    if (def.file !== file || !vectorFamily(def.type.name)) continue;
    const start = def.column.location !== undefined && def.kind !== 'alter-type' ? def.stmt.fileOffset(def.column.location) : def.typeRange.start;
    if (offset < start || offset > def.typeRange.end) continue;
    const model = embeddingFor(config, def.table, def.name);
    const claim = model.glob ? ` (claimed by \`${model.glob}\` in pgvector-migrator.json)` : '';
    return { text: `**${def.name}**: ${describeEmbedding(model)}${claim}`, start, end: def.typeRange.end };
  }
  return undefined;
}
