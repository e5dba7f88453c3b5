// A `vector` column without dimensions accepts vectors of any size, so one bad batch from another
// model mixes in silently, and neither HNSW nor IVFFlat can index it ("column does not have
// dimensions").
import { embeddingFor, embeddingSource } from '../../config/embedding-models';
import { columnDefinitions } from '../column-definitions';
import type { Rule } from '../types';
import { DENSE_EMBEDDING_TYPES, PGVECTOR_TYPES } from '../vector-types';

export const vectorMissingDimensions: Rule = {
  meta: {
    id: 'vector-missing-dimensions',
    checklistItem: 4,
    defaultSeverity: 'warning',
    description: 'A vector, halfvec or sparsevec column declared without dimensions.',
    rationale: 'Without dimensions the column accepts vectors of any size, so embeddings from another model are stored without complaint and cannot be compared, and HNSW and IVFFlat refuse to index it ("column does not have dimensions"). Declare the dimensions the embedding model produces.',
    docs: 'docs/rules/vector-missing-dimensions.md',
    fixable: true,
  },
  check(ctx) {
    for (const def of columnDefinitions(ctx)) {
      if (!PGVECTOR_TYPES.has(def.type.name) || def.type.typmods.length > 0) continue;
      const model = embeddingFor(ctx.config, def.table, def.name);
      const configured = model.dimensions;
      // Declared later in the same migration (ALTER COLUMN ... TYPE vector(n)): it ends up with dimensions.
      if (ctx.schemaAfter(def.migration).tables.get(def.table)?.columns.get(def.name)?.dimensions !== undefined) continue;
      const dense = DENSE_EMBEDDING_TYPES.has(def.type.name);
      ctx.report({
        file: def.file,
        start: def.typeRange.start,
        end: def.typeRange.end,
        message: `${def.name} is ${def.type.name} without dimensions: it accepts vectors of any size and cannot be indexed`,
        help: !dense
          ? 'declare sparsevec(n) with the vocabulary size of the sparse model, e.g. sparsevec(30522) for SPLADE'
          : configured !== undefined
            ? `declare ${def.type.name}(${configured}), the size of ${embeddingSource(model)}`
            : `declare ${def.type.name}(n) with the number of dimensions your embedding model produces (e.g. 1536 for OpenAI's text-embedding-3-small)`,
        fix: dense && configured !== undefined ? {
          title: `Change to ${def.type.name}(${configured})`,
          edits: [{ file: def.file, start: def.typeRange.nameEnd, end: def.typeRange.nameEnd, newText: `(${configured})` }],
        } : undefined,
      });
    }
  },
};
