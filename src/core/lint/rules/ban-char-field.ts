// char(n) pads every value with spaces to n characters: 'ab' is stored and returned as 'ab  ',
// comparisons ignore the padding but LIKE, length() in clients and concatenation do not. In
// PostgreSQL it is no faster than text, and usually slower.
import { columnDefinitions } from '../column-definitions';
import { textFix } from '../text-fix';
import type { Rule } from '../types';

export const banCharField: Rule = {
  meta: {
    id: 'ban-char-field',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'A char(n) / character(n) column.',
    rationale: 'char(n) pads values with spaces to n characters, which surprises clients, LIKE and concatenation, and in PostgreSQL it is no faster than text. Use text, with a CHECK on the length if the limit is a rule.',
    docs: 'docs/rules/ban-char-field.md',
    fixable: true,
  },
  check(ctx) {
    for (const def of columnDefinitions(ctx)) {
      // bpchar is char(n); "char" (quoted) and pg_catalog.char are the one-byte internal type.
      if (def.type.name !== 'bpchar' || (def.type.schema !== undefined && def.type.schema !== 'pg_catalog')) continue;
      const n = def.type.typmods[0];
      const shown = `${def.typeRange.nameText}${def.typeRange.typmods.length > 0 ? `(${n})` : ''}`;
      ctx.report({
        file: def.file,
        start: def.typeRange.start,
        end: def.typeRange.end,
        message: n !== undefined
          ? `${def.name} is ${shown}: it pads every value with spaces to ${n} character${n === 1 ? '' : 's'} and is no faster than text`
          : `${def.name} is ${shown}: it pads values with spaces and is no faster than text`,
        help: n !== undefined ? `declare ${def.name} text, with CHECK (char_length(${def.name}) <= ${n}) if the limit is a rule` : `declare ${def.name} text`,
        fix: textFix(def, n),
      });
    }
  },
};
