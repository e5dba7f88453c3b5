// A vector index serves one distance: its operator class. Queries that order by another distance
// operator silently fall back to a sequential scan (correct results, seconds instead of
// milliseconds), and the default class, when none is named, is L2 — not the cosine distance most
// embedding models are meant for.
import type { Distance } from '../../config/config';
import { DEFAULT_DISTANCE } from '../../config/embedding';
import { embeddingFor, embeddingSource } from '../../config/embedding-models';
import { textOf } from '../statement-text';
import type { Fix, Rule, RuleContext } from '../types';
import { VectorIndex, VectorIndexElement, vectorIndexes } from '../vector-indexes';
import {
  BIT_DISTANCES, defaultOpclass, describeDistance, isKnownOpclass, methodLabel, opclassFor, opclassMeaning, VectorFamily,
} from '../vector-types';

export const vectorIndexOpclassMismatch: Rule = {
  meta: {
    id: 'vector-index-opclass-mismatch',
    checklistItem: 5,
    defaultSeverity: 'error',
    description: 'An HNSW or IVFFlat index whose operator class does not serve the project\'s distance, or does not fit the indexed type.',
    rationale: 'An index serves only the distance of its operator class, and without one it is L2 (vector_l2_ops). Queries ordering by the project\'s distance operator (<=> for cosine) cannot use it and scan the whole table. Name the class that matches embedding.distance and the column type, e.g. vector_cosine_ops.',
    docs: 'docs/rules/vector-index-opclass-mismatch.md',
    fixable: true,
  },
  check(ctx) {
    for (const index of vectorIndexes(ctx)) {
      for (const el of index.elements) checkElement(ctx, index, el);
    }
  },
};

/** Where the distance comes from: a project without a config file has the default, not a file. */
function distanceSource(distance: Distance): string {
  return distance === DEFAULT_DISTANCE ? 'the default; embedding.distance in pgvector-migrator.json sets another' : 'embedding.distance in pgvector-migrator.json';
}

function checkElement(ctx: RuleContext, index: VectorIndex, el: VectorIndexElement): void {
  const model = embeddingFor(ctx.config, index.tableKey, el.vector?.column ?? '');
  const configured = model.distance;
  const named = el.opclassName;
  if (named && !isKnownOpclass(named, index.method) && !opclassMeaning(named)) return; // someone else's class
  const meaning = named ? opclassMeaning(named) : undefined;
  const family: VectorFamily = el.vector?.family ?? meaning?.family ?? 'vector';
  const what = el.vector ? `${el.vector.isExpression ? textOf(index.stmt, el.target) : el.vector.column} is ${typeLabel(el)}` : '';

  if (meaning && el.vector && meaning.family !== el.vector.family) {
    const expected = opclassFor(family, family === 'bit' ? bitDistance(configured) : configured, index.method);
    return report(ctx, index, el, `${named} indexes ${meaning.family}, but ${what}`, expected, undefined, configured);
  }
  if (family === 'bit') {
    if (meaning) return; // binary quantization: Hamming or Jaccard candidates, re-ranked by the project's distance
    const expected = opclassFor('bit', bitDistance(configured), index.method);
    return report(ctx, index, el, `bit has no default operator class for ${methodLabel(index.method)}: name one`, expected, undefined, configured);
  }
  if (family === 'sparsevec' && index.method === 'ivfflat') {
    return report(ctx, index, el, `IVFFlat cannot index sparsevec${what ? `: ${what}` : ''}`, undefined, 'index sparse embeddings with HNSW');
  }
  // A sparse embedding (SPLADE, BM25-like) has its own metric, usually inner product: a named
  // sparsevec class is taken as chosen. embedding.distance describes the dense embeddings.
  if (family === 'sparsevec' && meaning) return;
  const served = meaning?.distance ?? 'l2';
  if (served === configured) return;
  const expected = opclassFor(family, configured, index.method);
  const subject = named ?? `no operator class: ${methodLabel(index.method)} uses ${defaultOpclass(family)}, which`;
  const unavailable = expected ? '' : `; ${unavailableReason(family, configured, index)}`;
  report(
    ctx, index, el,
    `${subject} serves ${describeDistance(served)}, but ${model.model ? `the distance of ${embeddingSource(model)}` : 'the project\'s distance'} is ${configured}${model.model ? '' : ` (${distanceSource(configured)})`}${unavailable}`,
    expected, undefined, configured,
  );
}

function report(
  ctx: RuleContext, index: VectorIndex, el: VectorIndexElement, message: string, expected: string | undefined, help?: string,
  distance: Distance = ctx.config.embedding.distance,
): void {
  const range = el.opclass ?? el.target;
  const fix: Fix | undefined = expected ? {
    title: `Use ${expected}`,
    edits: [el.opclass
      ? { file: index.file, start: el.opclass.start, end: el.opclass.end, newText: expected }
      : { file: index.file, start: el.target.end, end: el.target.end, newText: ` ${expected}` }],
  } : undefined;
  ctx.report({
    file: index.file,
    start: range.start,
    end: range.end,
    message,
    help: help ?? (expected
      ? `use ${expected}, so queries ordering by ${describeDistance(targetDistance(expected, distance))} can use the index`
      : 'index with a method and type that serve the project\'s distance, or change embedding.distance in pgvector-migrator.json'),
    fix,
  });
}

function targetDistance(opclass: string, fallback: Distance): Distance {
  return opclassMeaning(opclass)?.distance ?? fallback;
}

function bitDistance(configured: Distance): Distance {
  return BIT_DISTANCES.has(configured) ? configured : 'hamming';
}

function typeLabel(el: VectorIndexElement): string {
  const v = el.vector!;
  return v.dimensions !== undefined ? `${v.family}(${v.dimensions})` : v.family;
}

function unavailableReason(family: VectorFamily, distance: Distance, index: VectorIndex): string {
  if (BIT_DISTANCES.has(distance)) return `${distance} distance is served only by bit indexes (binary_quantize(...)::bit(n) bit_${distance}_ops)`;
  if (family === 'sparsevec' && index.method === 'ivfflat') return 'IVFFlat cannot index sparsevec: use HNSW';
  if (distance === 'l1' && index.method === 'ivfflat') return 'IVFFlat has no L1 operator classes: use HNSW';
  return `pgvector has no ${methodLabel(index.method)} class for ${family} and ${distance}`;
}
