// A search the set itself writes down — a SQL function or view that orders an embedding column by
// a distance — with no HNSW or IVFFlat index for that distance on the column by the end of the
// set: every call reads the whole table. validate finds it on a live database; this finds it
// before anything is applied.
import { distanceOrderings, DistanceOrdering } from '../distance-orderings';
import { displayTable, finalSchema } from '../schema-lookup';
import type { IndexModel, Rule, SchemaModel } from '../types';
import { DISTANCE_OPERATORS, defaultOpclass, describeDistance, opclassFor, opclassMeaning, vectorFamily, vectorIndexMethod } from '../vector-types';
import type { Distance } from '../../config/config';

export const vectorColumnUnindexed: Rule = {
  meta: {
    id: 'vector-column-unindexed',
    checklistItem: 5,
    defaultSeverity: 'warning',
    description: 'A SQL function or view orders an embedding column by a distance that no HNSW or IVFFlat index on it serves.',
    rationale: 'An ANN index serves only the distance of its operator class. A search ordering by another distance, or a column with no vector index at all, reads and sorts every row: fine for a hundred rows, seconds for a million. Create an HNSW index with the operator class of the distance the search uses (vector_cosine_ops for <=>).',
    docs: 'docs/rules/vector-column-unindexed.md',
    fixable: false,
  },
  check(ctx) {
    const orderings = distanceOrderings(ctx);
    if (orderings.length === 0) return;
    const end = finalSchema(ctx);
    if (!end) return;
    for (const o of orderings) {
      const column = end.tables.get(o.table)?.columns.get(o.column);
      const family = vectorFamily(column?.type);
      if (!column || !family) continue; // not a column the set builds: nothing known about it
      if (servingIndex(end, o, family)) continue;
      const distance = distanceOf(o.operator);
      const opclass = distance && opclassFor(family, distance, 'hnsw');
      ctx.report({
        file: o.migration.up.section.file,
        start: o.start,
        end: o.end,
        message: `${o.kind} ${o.name} orders ${displayTable(o.table)}.${o.column} by ${distance ? describeDistance(distance) : o.operator}, but no HNSW or IVFFlat index on it serves that distance by the end of the migrations`,
        help: opclass
          ? `CREATE INDEX CONCURRENTLY ON ${displayTable(o.table)} USING hnsw (${o.column} ${opclass}); in a migration`
          : `index ${o.column} with an operator class for ${o.operator}`,
      });
    }
  },
};

function distanceOf(operator: string): Distance | undefined {
  return (Object.keys(DISTANCE_OPERATORS) as Distance[]).find((d) => DISTANCE_OPERATORS[d] === operator);
}

function servingIndex(schema: SchemaModel, o: DistanceOrdering, family: NonNullable<ReturnType<typeof vectorFamily>>): IndexModel | undefined {
  for (const index of schema.indexes.values()) {
    if (index.table !== o.table || !vectorIndexMethod(index.method)) continue;
    for (const c of index.columns) {
      // An expression over the column (`(embedding::halfvec(3072)) halfvec_cosine_ops`) serves a
      // search written with the same expression: taken as serving when its class names the distance.
      const onExpression = c.expression !== undefined && new RegExp(`(^|[^\\w$])${o.column}([^\\w$]|$)`).test(c.expression) && c.opclass !== undefined;
      if (c.column !== o.column && !onExpression) continue;
      const opclass = c.opclass ?? defaultOpclass(family);
      const meaning = opclass ? opclassMeaning(opclass.split('.').pop()!) : undefined;
      if (meaning && DISTANCE_OPERATORS[meaning.distance] === o.operator) return index;
    }
  }
  return undefined;
}
