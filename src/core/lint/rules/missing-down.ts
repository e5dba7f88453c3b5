// A migration that cannot be rolled back: no DOWN section (or file), or one with nothing in it.
// The fix writes a DOWN skeleton that drops what UP creates, newest first.
import { as } from '../ast';
import { markerRange } from '../file-positions';
import { walkTransactions } from '../transactions';
import { createdObjects, withoutDependents } from '../undo';
import type { Fix, ParsedMigration, ParsedSection, Rule } from '../types';

/** Layouts where a migration is expected to carry its DOWN. Plain sets and Flyway are UP-only by design. */
const DEFAULT_LAYOUTS = ['default', 'dbmate', 'golang-migrate'];

export const missingDown: Rule = {
  meta: {
    id: 'missing-down',
    checklistItem: 3,
    defaultSeverity: 'warning',
    description: 'A migration with no DOWN section, or an empty one.',
    rationale: 'Without a DOWN, a migration cannot be rolled back when a deploy goes wrong, and the DOWN round trip cannot be tested. Write the statements that undo the UP (the quick fix drafts them). Option "layouts" lists the layouts checked (default: default, dbmate, golang-migrate).',
    docs: 'docs/rules/missing-down.md',
    fixable: true,
  },
  check(ctx) {
    const layouts = Array.isArray(ctx.options.layouts) ? (ctx.options.layouts as string[]) : DEFAULT_LAYOUTS;
    if (!layouts.includes(ctx.migrationSet.layout)) return;
    for (const m of ctx.migrations) {
      const down = m.down;
      // Nothing to undo yet (a template just created): nothing to say.
      if ((down && hasWork(down)) || !hasWork(m.up)) continue;
      const layout = m.migration.layout;
      const file = m.migration.up.file;
      if (!down) {
        ctx.report({
          file, ...markerRange(m.migration.up),
          message: layout === 'golang-migrate' ? 'this migration has no .down.sql file' : 'this migration has no DOWN section',
          help: layout === 'golang-migrate' ? 'add the .down.sql file beside it' : 'add a DOWN section that undoes the UP section',
          fix: layout === 'golang-migrate' ? undefined : appendDownFix(m),
        });
      } else {
        ctx.report({
          file: down.section.file, ...markerRange(down.section),
          message: 'the DOWN section is empty: rolling back does nothing',
          help: 'write the statements that undo the UP section, or say in a comment why it cannot be undone and disable this rule for the file',
          fix: down.section.file === file ? fillDownFix(m, down) : undefined,
        });
      }
    }
  },
};

/** Anything besides transaction control and comments. */
function hasWork(section: ParsedSection): boolean {
  return walkTransactions(section).steps.some((s) => s.control === undefined);
}

function appendDownFix(m: ParsedMigration): Fix {
  const file = m.migration.up.file;
  const text = m.migration.up.fileText;
  const marker = m.migration.layout === 'dbmate' ? '-- migrate:down' : '-- DOWN Migration';
  const lead = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { title: 'Add a DOWN section that drops what UP creates', edits: [{ file, start: text.length, end: text.length, newText: `${lead}${marker}\n${downSkeleton(m)}` }] };
}

function fillDownFix(m: ParsedMigration, down: ParsedSection): Fix {
  const { file, start, end, fileText } = down.section;
  const tail = fileText.slice(start, end).endsWith('\n') || end === fileText.length ? '' : '\n';
  return { title: 'Write a DOWN that drops what UP creates', edits: [{ file, start, end, newText: `${downSkeleton(m)}${tail}` }] };
}

/** DROP statements for what UP creates, newest first, in a transaction when UP uses one. */
export function downSkeleton(m: ParsedMigration): string {
  const objects = withoutDependents(createdObjects(m.up).filter((o) => !(o.mayPreexist && (o.kind === 'extension' || o.kind === 'schema'))));
  const lines = objects.reverse().map((o) => o.dropSql);
  for (const stmt of m.up.statements) {
    const k = stmt.ast && Object.keys(stmt.ast)[0];
    if (k && UNDO_BY_HAND.has(k) && !as(stmt.ast, 'AlterTableStmt')?.cmds?.every((c) => ['AT_AddColumn', 'AT_AddConstraint'].includes(as(c, 'AlterTableCmd')?.subtype ?? ''))) {
      lines.push(`-- TODO: undo ${stmt.text.split('\n')[0].slice(0, 70)}`);
    }
  }
  if (lines.length === 0) lines.push('-- TODO: undo what the UP section does');
  const wrap = walkTransactions(m.up).explicit && !lines.some((l) => / CONCURRENTLY /.test(l));
  return wrap ? `BEGIN;\n${lines.join('\n')}\nCOMMIT;\n` : `${lines.join('\n')}\n`;
}

/** Statements that change data or shape in ways no DROP undoes. */
const UNDO_BY_HAND = new Set(['AlterTableStmt', 'UpdateStmt', 'DeleteStmt', 'InsertStmt', 'RenameStmt', 'AlterEnumStmt', 'DropStmt', 'AlterDomainStmt']);
