// Generated keys are the values that run out: a serial or integer identity stops at 2,147,483,647
// with "nextval: reached maximum value of sequence", and widening a busy table's key (and every
// foreign key pointing at it) rewrites them all. Serial also hides the sequence outside the
// column: permissions, ownership and dumps must follow it separately.
import { columnDefinitions } from '../column-definitions';
import { isNonBigintIdentityKey, maxValue, SERIAL_TYPES } from '../integer-keys';
import type { Rule } from '../types';

const IDENTITY = 'bigint GENERATED ALWAYS AS IDENTITY';

export const preferBigintIdentity: Rule = {
  meta: {
    id: 'prefer-bigint-identity',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'A serial or 16/32-bit identity primary key instead of bigint GENERATED ALWAYS AS IDENTITY.',
    rationale: 'A 32-bit generated key runs out at 2,147,483,647 and widening it later rewrites the table and every referencing foreign key under an exclusive lock. Serial types also keep their sequence outside the column\'s definition. Use bigint GENERATED ALWAYS AS IDENTITY.',
    docs: 'docs/rules/prefer-bigint-identity.md',
    fixable: true,
  },
  check(ctx) {
    for (const def of columnDefinitions(ctx)) {
      if (!isNonBigintIdentityKey(def)) continue;
      const written = def.typeRange.nameText;
      const serial = SERIAL_TYPES.has(def.type.name);
      const wide = def.type.name === 'bigserial' || def.type.name === 'serial8';
      ctx.report({
        file: def.file,
        start: def.typeRange.start,
        end: def.typeRange.end,
        message: serial
          ? `primary key ${def.name} is ${written}: ${wide ? 'its sequence lives outside the column definition' : `it runs out at ${maxValue(def.type.name)} and its sequence lives outside the column definition`}`
          : `primary key ${def.name} is an identity of type ${written}: it runs out at ${maxValue(def.type.name)}`,
        help: `declare ${def.name} ${IDENTITY}`,
        fix: {
          title: serial ? `Change to ${IDENTITY}` : 'Change to bigint',
          edits: [{ file: def.file, start: def.typeRange.start, end: def.typeRange.end, newText: serial ? IDENTITY : 'bigint' }],
        },
      });
    }
  },
};
