// varchar(n) puts a business rule (the length limit) into the type: changing it later is an
// ALTER COLUMN ... TYPE under an ACCESS EXCLUSIVE lock (and a full rewrite or scan when it
// shrinks). text with a CHECK keeps the rule and can be replaced with NOT VALID + VALIDATE.
import { columnDefinitions } from '../column-definitions';
import { textFix } from '../text-fix';
import type { Rule } from '../types';

export const preferTextOverVarchar: Rule = {
  meta: {
    id: 'prefer-text-over-varchar',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'A varchar(n) column instead of text with a CHECK on its length.',
    rationale: 'Changing the limit of a varchar(n) column needs ALTER COLUMN ... TYPE, which takes an ACCESS EXCLUSIVE lock, and lowering it scans the whole table. text with CHECK (char_length(col) <= n) enforces the same rule, and the CHECK can be swapped without blocking (NOT VALID, then VALIDATE).',
    docs: 'docs/rules/prefer-text-over-varchar.md',
    fixable: true,
  },
  check(ctx) {
    for (const def of columnDefinitions(ctx)) {
      if (def.type.name !== 'varchar' || def.type.typmods.length === 0 || def.type.schema !== 'pg_catalog') continue;
      const n = def.type.typmods[0];
      const written = def.typeRange.nameText;
      ctx.report({
        file: def.file,
        start: def.typeRange.start,
        end: def.typeRange.end,
        message: `${def.name} is ${written}(${n}): changing the limit later locks the table (ALTER COLUMN ... TYPE)`,
        help: `declare ${def.name} text with CHECK (char_length(${def.name}) <= ${n}); the CHECK can be replaced without blocking writes`,
        fix: textFix(def, n),
      });
    }
  },
};
