// `timestamp` (without time zone) stores a wall-clock reading with no zone: the same instant
// written from two servers in different time zones becomes two values, and now() is silently
// converted to the session's local time on the way in.
import { columnDefinitions } from '../column-definitions';
import type { Rule } from '../types';

export const preferTimestamptz: Rule = {
  meta: {
    id: 'prefer-timestamptz',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'A timestamp (without time zone) column instead of timestamptz.',
    rationale: 'timestamp without time zone stores a wall-clock reading, so the instant it means depends on the TimeZone of whichever session wrote it, and comparisons across time zones and DST changes go wrong. timestamptz stores an instant (in UTC) and costs the same 8 bytes.',
    docs: 'docs/rules/prefer-timestamptz.md',
    fixable: true,
  },
  check(ctx) {
    for (const def of columnDefinitions(ctx)) {
      if (def.type.name !== 'timestamp' || (def.type.schema !== undefined && def.type.schema !== 'pg_catalog')) continue;
      const precision = def.typeRange.typmods.length > 0 ? `(${def.type.typmods[0]})` : '';
      const replacement = `timestamptz${precision}`;
      ctx.report({
        file: def.file,
        start: def.typeRange.start,
        end: def.typeRange.end,
        message: `${def.name} is timestamp without time zone: the instant it stores depends on the time zone of the session that wrote it`,
        help: `declare ${def.name} ${replacement}: it stores an instant and shows it in each reader's time zone`,
        fix: {
          title: `Change to ${replacement}`,
          edits: [{ file: def.file, start: def.typeRange.start, end: def.typeRange.baseEnd, newText: replacement }],
        },
      });
    }
  },
};
