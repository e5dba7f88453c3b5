// The DOWN section leaves behind something the UP section created: rolling back and applying
// again then fails ("already exists"), or leaves a column, index or type nobody owns.
import { createdObjects, droppedIn, isCoveredBy, CreatedObject } from '../undo';
import { walkTransactions } from '../transactions';
import type { ParsedSection, Rule } from '../types';

export const downIncomplete: Rule = {
  meta: {
    id: 'down-incomplete',
    checklistItem: 3,
    defaultSeverity: 'warning',
    description: 'The DOWN section does not undo an object the UP section creates (table, index, column, extension, type, function, ...).',
    rationale: 'After a rollback, what the DOWN forgot is still there: applying the migration again fails with "already exists", or a stray column or index stays behind. Drop every object the UP creates. An extension or schema created with IF NOT EXISTS may have existed before, so it is not required.',
    docs: 'docs/rules/down-incomplete.md',
    fixable: true,
  },
  check(ctx) {
    const earlier = new Set<string>();
    for (const m of ctx.migrations) {
      const created = createdObjects(m.up);
      const down = m.down;
      if (down && walkTransactions(down).steps.some((s) => s.control === undefined)) {
        const dropped = droppedIn(down);
        for (const o of created) {
          if (isCoveredBy(o, dropped) || exempt(o, earlier)) continue;
          ctx.report({
            file: m.up.section.file,
            ...o.range,
            message: `the DOWN section does not drop ${o.kind} ${o.display}, which this migration creates`,
            help: `add ${o.dropSql} to the DOWN section`,
            fix: { title: `Add ${o.dropSql} to DOWN`, edits: [insertIntoDown(down, o)] },
          });
        }
      }
      for (const o of created) earlier.add(o.key);
    }
  },
};

/** IF NOT EXISTS / OR REPLACE on something an earlier migration made, or a shared extension or schema. */
function exempt(o: CreatedObject, earlier: Set<string>): boolean {
  if (!o.mayPreexist) return false;
  return earlier.has(o.key) || o.kind === 'extension' || o.kind === 'schema';
}

/** Right after the DOWN's BEGIN when it has one, else before its first statement. */
function insertIntoDown(down: ParsedSection, o: CreatedObject): { file: string; start: number; end: number; newText: string } {
  const steps = walkTransactions(down).steps;
  const begin = steps.find((s) => s.control === 'begin');
  const file = down.section.file;
  if (begin) return { file, start: begin.stmt.endWithSemicolon, end: begin.stmt.endWithSemicolon, newText: `\n${o.dropSql}` };
  const first = down.statements[0];
  return { file, start: first.start, end: first.start, newText: `${o.dropSql}\n` };
}
