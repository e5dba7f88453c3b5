// Duplicates in columns the config declares unique but no unique index enforces. Counted in the
// table's one scan as rows minus distinct values: the rows a unique index would reject.
import type { Column, Table } from '../catalog';
import { quoteIdent } from '../../db/types';
import { count, finding, RowProbe, rowsVerb, ScanContext } from '../probe';
import { keySelectList } from '../remediation-sql';

export function duplicatesProbe(table: Table, columns: Column[]): RowProbe {
  const column = columns.map((c) => c.name).join(', ');
  const list = (ctx: Pick<ScanContext, 'col'>) => columns.map((c) => ctx.col(c)).join(', ');
  // A unique index lets any number of rows with a NULL in the key through: so does this count.
  const complete = (ctx: Pick<ScanContext, 'col'>) => columns.map((c) => `${ctx.col(c)} IS NOT NULL`).join(' AND ');
  const value = (ctx: Pick<ScanContext, 'col'>) => (columns.length === 1 ? list(ctx) : `(${list(ctx)})`);
  const quotedList = columns.map((c) => c.quoted).join(', ');
  const duplicated = (ctx: Pick<ScanContext, 'col'>) =>
    `${value(ctx)} IN (SELECT ${quotedList} FROM ${table.quoted} WHERE ${complete({ col: (c) => c.quoted })} GROUP BY ${quotedList} HAVING count(*) > 1)`;
  const indexName = quoteIdent(`${table.name}_${columns.map((c) => c.name).join('_')}_key`);
  return {
    covers: [{ id: 'duplicate-values', column }],
    aggregates: (ctx) => [`count(*) FILTER (WHERE ${complete(ctx)})`, `count(DISTINCT ${value(ctx)}) FILTER (WHERE ${complete(ctx)})`],
    judge: (values, _h, ctx) => {
      const extra = count(values[0]) - count(values[1]);
      if (extra === 0) {
        return [{ finding: finding('duplicate-values', table, column, { status: 'pass', rows: 0, message: `${column} holds no duplicates (declared unique in the config; no unique index enforces it)`, remediation: `-- enforce it:\nCREATE UNIQUE INDEX CONCURRENTLY ${indexName} ON ${table.quoted} (${quotedList});` }) }];
      }
      return [{
        finding: finding('duplicate-values', table, column, {
          status: 'fail', rows: extra,
          message: `${rowsVerb(extra, 'repeats', 'repeat')} a ${column} value another row already holds (declared unique in the config, which no unique index enforces)`,
          remediation: [
            `-- the duplicated values and how often each occurs`,
            `SELECT ${quotedList}, count(*) AS copies FROM ${table.quoted} WHERE ${complete({ col: (c) => c.quoted })} GROUP BY ${quotedList} HAVING count(*) > 1 ORDER BY copies DESC;`,
            `-- the rows involved`,
            `SELECT ${keySelectList(table)}, ${quotedList} FROM ${table.quoted} AS t WHERE ${duplicated({ col: (c) => `t.${c.quoted}` })};`,
            `-- keep one row of each value, then enforce the rule:`,
            `CREATE UNIQUE INDEX CONCURRENTLY ${indexName} ON ${table.quoted} (${quotedList});`,
          ].join('\n'),
        }),
        offending: () => duplicated(ctx),
      }];
    },
  };
}
