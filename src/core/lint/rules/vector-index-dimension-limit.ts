// HNSW and IVFFlat refuse to index more than 2,000 vector dimensions (4,000 halfvec, 64,000 bit):
// `CREATE INDEX` fails with "column cannot have more than 2000 dimensions for hnsw index". Models
// such as text-embedding-3-large (3072) hit this on the first index, after the table is full.
import type { Distance } from '../../config/config';
import { embeddingFor } from '../../config/embedding-models';
import { textOf } from '../statement-text';
import type { Rule } from '../types';
import { VectorIndex, VectorIndexElement, vectorIndexes } from '../vector-indexes';
import {
  formatCount, INDEX_DIMENSION_LIMITS, methodLabel, opclassFor, opclassMeaning, VectorIndexMethod,
} from '../vector-types';

export const vectorIndexDimensionLimit: Rule = {
  meta: {
    id: 'vector-index-dimension-limit',
    checklistItem: 5,
    defaultSeverity: 'error',
    description: 'An HNSW or IVFFlat index over more dimensions than pgvector can index (vector 2,000, halfvec 4,000, bit 64,000).',
    rationale: 'pgvector stores a whole vector in one index page, so CREATE INDEX fails above 2,000 vector dimensions. Index a halfvec expression (up to 4,000) or a binary-quantized bit expression (up to 64,000) instead, and query with the same expression.',
    docs: 'docs/rules/vector-index-dimension-limit.md',
    fixable: true,
  },
  check(ctx) {
    for (const index of vectorIndexes(ctx)) {
      for (const el of index.elements) {
        const v = el.vector;
        const limit = v && INDEX_DIMENSION_LIMITS[index.method][v.family];
        if (!v || v.dimensions === undefined || limit === undefined || v.dimensions <= limit) continue;
        const subject = v.isExpression ? `the expression ${textOf(index.stmt, el.target)}` : `${v.column}`;
        const alternatives = suggestions(index, el, v.dimensions, embeddingFor(ctx.config, index.tableKey, v.column ?? '').distance);
        ctx.report({
          file: index.file,
          start: el.target.start,
          end: el.target.end,
          message: `${methodLabel(index.method)} indexes at most ${formatCount(limit)} dimensions of ${v.family}, but ${subject} is ${v.family}(${v.dimensions})`,
          help: alternatives.help,
          fix: alternatives.halfvecElement ? {
            title: 'Index the column as halfvec',
            edits: [{ file: index.file, start: el.target.start, end: el.opclass?.end ?? el.target.end, newText: alternatives.halfvecElement }],
          } : undefined,
        });
      }
    }
  },
};

interface Suggestions {
  help: string;
  /** Replacement for a plain vector column element, when halfvec can hold its dimensions. */
  halfvecElement?: string;
}

function suggestions(index: VectorIndex, el: VectorIndexElement, dims: number, configured: Distance): Suggestions {
  const column = el.vector?.column ?? 'embedding';
  const distance = (el.opclassName ? opclassMeaning(el.opclassName)?.distance : undefined) ?? configured;
  const bits = `(binary_quantize(${column})::bit(${dims})) bit_hamming_ops`;
  const sameExpression = 'and order queries by the same expression';
  if (el.vector?.family === 'vector' && dims <= INDEX_DIMENSION_LIMITS[index.method].halfvec!) {
    const halfvec = `(${column}::halfvec(${dims})) ${halfvecOpclass(distance, index.method)}`;
    return {
      help: `index an expression instead: ${halfvec} (half precision, up to 4,000 dimensions), or binary quantization ${bits} with re-ranking; ${sameExpression}`,
      halfvecElement: el.elem.name ? halfvec : undefined,
    };
  }
  if (dims <= INDEX_DIMENSION_LIMITS[index.method].bit!) {
    return { help: `index binary quantization instead: ${bits} (up to 64,000 dimensions), re-rank the candidates with the full vectors, ${sameExpression}` };
  }
  return { help: 'reduce the dimensions the model outputs (or index subvector(...) of a Matryoshka embedding); no index method holds this many' };
}

function halfvecOpclass(distance: Distance, method: VectorIndexMethod): string {
  return opclassFor('halfvec', distance, method) ?? 'halfvec_l2_ops';
}
