// Row-level checks of the vectors themselves: their dimensions, zero vectors under cosine
// distance, and unnormalized vectors under inner product.
import type { Column, Table } from '../catalog';
import { count, finding, Judged, RowProbe, rowsText, ScanContext } from '../probe';
import { keySelectList } from '../remediation-sql';

/** A pgvector function in the scan: qualified, because the extension may live outside search_path. */
function fn(ctx: ScanContext, name: string): string {
  return `${ctx.ext}.${name}`;
}

/** The same function in SQL for a person to run: bare when the extension lives in public. */
function userFn(ctx: ScanContext, name: string): string {
  return ctx.ext === 'public' ? name : `${ctx.ext}.${name}`;
}

function normFunction(column: Column): string {
  return column.vectorType === 'halfvec' ? 'l2_norm' : 'vector_norm';
}

function pass(id: 'vector-dimensions' | 'vector-zero-norm' | 'vector-not-normalized', table: Table, column: Column, message: string): Judged[] {
  return [{ finding: finding(id, table, column.name, { status: 'pass', rows: 0, message, remediation: null }) }];
}

/**
 * Untyped vector columns accept any dimension: count the rows that differ from `declared`
 * (the config's embedding.dimensions) or, without it, from the column's most common size.
 */
export function dimensionsProbe(table: Table, column: Column, declared: number | undefined): RowProbe {
  const dims = (ctx: ScanContext) => `${fn(ctx, 'vector_dims')}(${ctx.vec(column)})`;
  const judgeAgainst = (ctx: ScanContext, n: number, offending: number, total: number, source: string): Judged[] => {
    if (offending === 0) return pass('vector-dimensions', table, column, `all ${total} vectors have ${n} dimensions (${source})`);
    const d = `${userFn(ctx, 'vector_dims')}(${column.quoted})`;
    return [{
      finding: finding('vector-dimensions', table, column.name, {
        status: 'fail', rows: offending,
        message: `${offending} of ${total} vectors do not have ${n} dimensions (${source}); the untyped ${column.vectorType} column accepts any size, and a search compares vectors of one size only`,
        remediation: [
          `-- rows whose vector does not have ${n} dimensions`,
          `SELECT ${keySelectList(table)}, ${d} AS dimensions FROM ${table.quoted} WHERE ${d} <> ${n};`,
          `-- re-embed them with the model that makes ${n} dimensions (or clear them: UPDATE ... SET ${column.quoted} = NULL),`,
          `-- then pin the type so that no other size gets in:`,
          `ALTER TABLE ${table.quoted} ALTER COLUMN ${column.quoted} TYPE ${column.vectorType}(${n});`,
        ].join('\n'),
      }),
      offending: (p) => `${dims(ctx)} <> ${p.add(n, 'int4')}`,
    }];
  };
  if (declared !== undefined) {
    return {
      covers: [{ id: 'vector-dimensions', column: column.name }],
      aggregates: (ctx, p) => [`count(*) FILTER (WHERE ${dims(ctx)} <> ${p.add(declared, 'int4')})`, `count(${ctx.vec(column)})`],
      judge: (values, _h, ctx) => judgeAgainst(ctx, declared, count(values[0]), count(values[1]), 'embedding.dimensions'),
    };
  }
  return {
    covers: [{ id: 'vector-dimensions', column: column.name }],
    aggregates: () => [],
    histogram: dims,
    judge: (_values, histogram, ctx) => {
      const sizes = [...(histogram ?? [])].map(([d, n]) => [Number(d), n] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      if (sizes.length === 0) return pass('vector-dimensions', table, column, 'no vectors to check: the column holds only NULLs');
      const total = sizes.reduce((sum, [, n]) => sum + n, 0);
      const [majority, majorityRows] = sizes[0];
      const found = sizes.map(([d, n]) => `${d} dimensions in ${rowsText(n)}`).join(', ');
      return judgeAgainst(ctx, majority, total - majorityRows, total, sizes.length > 1 ? `the column's most common size; found ${found}` : "the column's only size");
    },
  };
}

/** Zero vectors have no direction: their cosine distance is NaN, so a cosine search never finds them. */
export function zeroNormProbe(table: Table, column: Column, reason: string): RowProbe {
  const isZero = (ctx: ScanContext) => `${fn(ctx, normFunction(column))}(${ctx.vec(column)}) = 0`;
  return {
    covers: [{ id: 'vector-zero-norm', column: column.name }],
    aggregates: (ctx) => [`count(*) FILTER (WHERE ${isZero(ctx)})`, `count(${ctx.vec(column)})`],
    judge: (values, _h, ctx) => {
      const zero = count(values[0]);
      const total = count(values[1]);
      if (zero === 0) return pass('vector-zero-norm', table, column, `no zero vectors among ${total} (${reason})`);
      const n = `${userFn(ctx, normFunction(column))}(${column.quoted})`;
      return [{
        finding: finding('vector-zero-norm', table, column.name, {
          status: 'fail', rows: zero,
          message: `${zero} of ${total} vectors are zero vectors (${reason}): their cosine distance is undefined, so a cosine search never returns them`,
          remediation: [
            `-- rows holding a zero vector`,
            `SELECT ${keySelectList(table)} FROM ${table.quoted} WHERE ${n} = 0;`,
            `-- re-embed them (an empty text often embeds to zeros); until then keep them out of searches:`,
            `UPDATE ${table.quoted} SET ${column.quoted} = NULL WHERE ${n} = 0;`,
          ].join('\n'),
        }),
        offending: () => isZero(ctx),
      }];
    },
  };
}

/** Inner product ranks by length as well as direction: it needs vectors of norm 1. */
export function notNormalizedProbe(table: Table, column: Column, tolerance: number, reason: string): RowProbe {
  const off = (ctx: ScanContext, toleranceSql: string) => `abs(${fn(ctx, normFunction(column))}(${ctx.vec(column)}) - 1) > ${toleranceSql}`;
  return {
    covers: [{ id: 'vector-not-normalized', column: column.name }],
    aggregates: (ctx, p) => [`count(*) FILTER (WHERE ${off(ctx, p.add(tolerance, 'float8'))})`, `count(${ctx.vec(column)})`],
    judge: (values, _h, ctx) => {
      const bad = count(values[0]);
      const total = count(values[1]);
      if (bad === 0) return pass('vector-not-normalized', table, column, `all ${total} vectors have norm 1 within ${tolerance} (${reason})`);
      const n = `${userFn(ctx, normFunction(column))}(${column.quoted})`;
      return [{
        finding: finding('vector-not-normalized', table, column.name, {
          status: 'fail', rows: bad,
          message: `${bad} of ${total} vectors do not have norm 1 within ${tolerance} (${reason}): inner product then ranks them by length, not only by direction`,
          remediation: [
            `-- rows whose vector is not normalized`,
            `SELECT ${keySelectList(table)}, ${n} AS norm FROM ${table.quoted} WHERE abs(${n} - 1) > ${tolerance};`,
            `-- normalize them in place (l2_normalize needs pgvector 0.7 or later):`,
            `UPDATE ${table.quoted} SET ${column.quoted} = ${userFn(ctx, 'l2_normalize')}(${column.quoted}) WHERE abs(${n} - 1) > ${tolerance};`,
          ].join('\n'),
        }),
        offending: (p) => off(ctx, p.add(tolerance, 'float8')),
      }];
    },
  };
}
