// ALTER TYPE ... ADD VALUE without BEFORE or AFTER appends the value, and an enum sorts by
// declaration order: ORDER BY and range comparisons (status < 'done') see the new value last,
// which is right only when last is where it belongs.
import { names, stmtAs } from '../ast';
import { phraseRange } from '../statement-text';
import type { Rule } from '../types';

export const enumValueWithoutPosition: Rule = {
  meta: {
    id: 'enum-value-without-position',
    checklistItem: 6,
    defaultSeverity: 'info',
    description: 'ALTER TYPE ... ADD VALUE without BEFORE or AFTER.',
    rationale: 'Enum values sort in declaration order, and ADD VALUE without a position appends the new value at the end, so ORDER BY and comparisons such as status < \'done\' treat it as the greatest. Say where it belongs with BEFORE or AFTER an existing value (AFTER the last one when last is meant).',
    docs: 'docs/rules/enum-value-without-position.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const add = stmtAs(stmt, 'AlterEnumStmt');
        if (!add?.newVal || add.oldVal || add.newValNeighbor) continue;
        const at = phraseRange(stmt, ['add', 'value']);
        ctx.report({
          file: m.up.section.file,
          start: at?.start ?? stmt.start,
          end: stmt.end,
          message: `'${add.newVal}' is appended to enum ${names(add.typeName).join('.')}, so it sorts after every existing value`,
          help: 'add BEFORE or AFTER an existing value to place it where it belongs in the order',
        });
      }
    }
  },
};
