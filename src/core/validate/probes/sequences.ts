// Identity and serial columns whose sequence would hand out a value the table already holds:
// the next INSERT without an explicit id fails with a unique violation. Typical after COPY or
// INSERT with explicit ids, which never advance the sequence.
import type { Db } from '../../db/types';
import type { Column, SequenceLink, Table } from '../catalog';
import { count, finding, RowProbe, rowsVerb, ScanContext } from '../probe';

const INT8_MAX = 9223372036854775807n;
const INT8_MIN = -9223372036854775808n;

export function sequenceProbe(table: Table, column: Column, seq: SequenceLink): RowProbe {
  const increment = BigInt(seq.increment);
  const ascending = increment > 0n;
  let next = 0n;
  const beyond = (ctx: ScanContext, nextSql: string) => `${ctx.col(column)} ${ascending ? '>=' : '<='} ${nextSql}`;
  return {
    covers: [{ id: 'sequence-behind', column: column.name }],
    async prepare(db: Db) {
      const r = await db.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text AS last_value, is_called FROM ${seq.quoted}`);
      const last = BigInt(r.rows[0].last_value);
      next = r.rows[0].is_called ? last + increment : last;
      if (next > INT8_MAX) next = INT8_MAX;
      if (next < INT8_MIN) next = INT8_MIN;
    },
    aggregates: (ctx, p) => [`count(*) FILTER (WHERE ${beyond(ctx, p.add(next.toString(), 'int8'))})`, `${ascending ? 'max' : 'min'}(${ctx.col(column)})::text`],
    judge: (values, _h, ctx) => {
      const taken = count(values[0]);
      const extreme = values[1] === null || values[1] === undefined ? null : String(values[1]);
      if (taken === 0) {
        const where = extreme === null ? 'the table is empty' : `the column's ${ascending ? 'max' : 'min'} is ${extreme}`;
        return [{ finding: finding('sequence-behind', table, column.name, { status: 'pass', rows: 0, message: `${seq.display} hands out ${next} next; ${where}`, remediation: null, object: seq.display }) }];
      }
      return [{
        finding: finding('sequence-behind', table, column.name, {
          status: 'fail', rows: taken,
          message: `${seq.display} hands out ${next} next, but ${rowsVerb(taken, 'already holds', 'already hold')} ${ascending ? 'that value or more' : 'that value or less'} (${ascending ? 'max' : 'min'} ${extreme}): the next insert without an explicit ${column.name} fails with a duplicate key`,
          remediation: [
            `-- move the sequence past the values in use (rows loaded with explicit ids never advanced it)`,
            `SELECT setval(${seq.literal}, (SELECT ${ascending ? 'max' : 'min'}(${column.quoted}) FROM ${table.quoted}));`,
          ].join('\n'),
          object: seq.display,
        }),
        offending: (p) => beyond(ctx, p.add(next.toString(), 'int8')),
      }];
    },
  };
}
