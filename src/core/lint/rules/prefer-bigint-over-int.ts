// 32-bit integers run out (2,147,483,647; smallint at 32,767), and widening a column later is a
// table rewrite under an exclusive lock. bigint costs four more bytes a row. This is squawk's
// prefer-bigint-over-int and prefer-bigint-over-smallint in one rule, kept to key columns: a count
// or a position (chunk_index integer) does not grow with the table and is not reported.
import { columnDefinitions } from '../column-definitions';
import { isKeyLike, isNarrowInteger, isNonBigintIdentityKey, maxValue } from '../integer-keys';
import type { Rule } from '../types';

/** The 64-bit spelling of each narrow spelling, as squawk's fix writes it. */
const WIDER: Record<string, string> = {
  int: 'bigint', integer: 'bigint', int4: 'int8', smallint: 'bigint', int2: 'int8',
  serial: 'bigserial', serial4: 'serial8', smallserial: 'bigserial', serial2: 'serial8',
};

export const preferBigintOverInt: Rule = {
  meta: {
    id: 'prefer-bigint-over-int',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'An integer, smallint or serial key column (generated, primary, foreign or named *_id) where bigint would not run out.',
    rationale: 'integer stops at 2,147,483,647 and smallint at 32,767; widening a column later rewrites the table under an ACCESS EXCLUSIVE lock. bigint costs 4 more bytes a row. Declare bigint (or bigserial) from the start.',
    docs: 'docs/rules/prefer-bigint-over-int.md',
    fixable: true,
  },
  check(ctx) {
    for (const def of columnDefinitions(ctx)) {
      // Generated keys get prefer-bigint-identity's finding, and its fix, instead.
      if (!isNarrowInteger(def) || isNonBigintIdentityKey(def) || !isKeyLike(def)) continue;
      const written = def.typeRange.nameText;
      const wider = WIDER[written.toLowerCase()];
      ctx.report({
        file: def.file,
        start: def.typeRange.start,
        end: def.typeRange.end,
        message: `${def.name} is ${written}, which runs out at ${maxValue(def.type.name)}`,
        help: `declare ${def.name} ${wider ?? 'bigint'}: widening it later rewrites the table under an exclusive lock`,
        fix: wider ? {
          title: `Change to ${wider}`,
          edits: [{ file: def.file, start: def.typeRange.start, end: def.typeRange.nameEnd, newText: wider }],
        } : undefined,
      });
    }
  },
};
