// CREATE INDEX / CREATE TABLE IF NOT EXISTS with a name the schema already has, but a different
// definition: PostgreSQL checks the name only, says NOTICE "relation ... already exists, skipping"
// and keeps the old object. The new index (another column, opclass or method) or the new columns
// are silently never built. ADD CONSTRAINT has no IF NOT EXISTS: a DO block guards it (an
// exception handler for duplicate_object, or IF NOT EXISTS over pg_constraint), and skips it the same way.
import * as path from 'node:path';
import { identifierRange, nameRangeAtLocation, names, Range, rangeVarKey, stmtAs } from '../ast';
import { guardedBlock } from '../do-blocks';
import { displayTable, schemaAt } from '../schema-lookup';
import { constraintModelOf, guardedConstraintAdds, indexModelOf, sourceRefs, tableModelOf } from '../../model';
import { LineIndex } from '../../sql/positions';
import type { ColumnModel, IndexModel, ParsedMigration, ParsedStatement, Rule, RuleContext, SourceRef, TableModel } from '../types';

export const ifNotExistsShadowed: Rule = {
  meta: {
    id: 'if-not-exists-shadowed',
    checklistItem: 5,
    defaultSeverity: 'warning',
    description: 'CREATE INDEX or CREATE TABLE IF NOT EXISTS, or an ADD CONSTRAINT a DO block guards, whose name an earlier migration already gave to an object of another definition.',
    rationale: 'IF NOT EXISTS compares names only: when an index or table of that name exists, PostgreSQL skips the statement with a NOTICE and keeps the old definition, so the index on the new column or with the new operator class is never built. Give the new object its own name, or drop the old one first.',
    docs: 'docs/rules/if-not-exists-shadowed.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        checkIndex(ctx, m, stmt);
        checkTable(ctx, m, stmt);
        checkGuardedConstraints(ctx, m, stmt);
      }
    }
  },
};

function checkIndex(ctx: RuleContext, m: ParsedMigration, stmt: ParsedStatement): void {
  const index = stmtAs(stmt, 'IndexStmt');
  if (!index?.if_not_exists || !index.idxname) return;
  const wanted = indexModelOf(index, sourceRefs(stmt, m.up.section.file, m.index));
  const existing = wanted && schemaAt(ctx, m, stmt).indexes.get(wanted.name);
  if (!wanted || !existing) return;
  const differences = indexDifferences(existing, wanted);
  if (differences.length === 0) return;
  report(ctx, m, nameAfterExists(stmt) ?? nameRangeAtLocation(stmt, index.relation?.location), `index ${wanted.name}`, existing.definedAt, differences);
}

function checkTable(ctx: RuleContext, m: ParsedMigration, stmt: ParsedStatement): void {
  const create = stmtAs(stmt, 'CreateStmt');
  const key = rangeVarKey(create?.relation);
  if (!create?.if_not_exists || !key) return;
  const existing = schemaAt(ctx, m, stmt).tables.get(key);
  const wanted = existing && tableModelOf(create, sourceRefs(stmt, m.up.section.file, m.index));
  if (!existing || !wanted || existing.opaque || wanted.opaque) return;
  const differences = tableDifferences(existing, wanted);
  if (differences.length === 0) return;
  report(ctx, m, nameRangeAtLocation(stmt, create.relation!.location), `table ${displayTable(key)}`, existing.definedAt, differences);
}

/** ADD CONSTRAINT in a DO block that skips it when the name exists (see do-blocks.ts). */
function checkGuardedConstraints(ctx: RuleContext, m: ParsedMigration, stmt: ParsedStatement): void {
  const block = guardedBlock(stmt);
  if (!block) return;
  const schema = schemaAt(ctx, m, stmt);
  for (const inner of block.statements) {
    for (const add of guardedConstraintAdds(inner)) {
      const existing = schema.tables.get(add.table)?.constraintDefinitions?.get(add.name);
      if (!existing) continue;
      const columns = add.con.contype === 'CONSTR_FOREIGN' ? add.con.fk_attrs : add.con.keys;
      const wanted = constraintModelOf(add.con, names(columns), sourceRefs(inner, m.up.section.file, m.index));
      if (wanted.shape === existing.shape) continue;
      const difference = wanted.text === existing.text ? `it is ${existing.text} too, with other options` : `it is ${existing.text}, this one ${wanted.text}`;
      const at = identifierRange(inner, add.name, inner.fileOffset(add.con.location)) ?? nameRangeAtLocation(inner, add.con.location);
      report(ctx, m, at, `constraint ${add.name} of ${displayTable(add.table)}`, existing.definedAt, [difference],
        block.guard === 'exception' ? 'the DO block\'s exception handler skips this ADD CONSTRAINT' : 'the DO block\'s IF NOT EXISTS skips this ADD CONSTRAINT',
        'give the new constraint a name of its own, or DROP CONSTRAINT IF EXISTS the old one before adding it');
    }
  }
}

function report(ctx: RuleContext, m: ParsedMigration, at: Range, what: string, definedAt: SourceRef, differences: string[],
  skipped = 'IF NOT EXISTS skips this statement', help = 'give the new object a name of its own, or DROP the old one before creating it'): void {
  ctx.report({
    file: m.up.section.file,
    ...at,
    message: `${what} already exists (${where(ctx, definedAt)}) with another definition, so ${skipped}: ${differences.join('; ')}`,
    help,
  });
}

function where(ctx: RuleContext, ref: SourceRef): string {
  const m = ctx.migrations[ref.migrationIndex];
  const text = m?.up.section.file === ref.file ? m.up.section.fileText : undefined;
  const line = text ? new LineIndex(text).positionAt(ref.start).line : undefined;
  return `${path.basename(ref.file)}${line ? `:${line}` : ''}`;
}

function indexDifferences(old: IndexModel, next: IndexModel): string[] {
  const out: string[] = [];
  const describe = (i: IndexModel) => i.columns.map((c) => `${c.column ?? c.expression ?? '?'}${c.opclass ? ` ${c.opclass}` : ''}`).join(', ');
  if (old.table !== next.table) out.push(`it is on ${displayTable(old.table)}, this one on ${displayTable(next.table)}`);
  if (old.method !== next.method) out.push(`it uses ${old.method}, this one ${next.method}`);
  if (describe(old) !== describe(next)) out.push(`it indexes (${describe(old)}), this one (${describe(next)})`);
  if (old.unique !== next.unique) out.push(old.unique ? 'it is unique, this one is not' : 'this one is unique, it is not');
  if (old.partial !== next.partial) out.push(old.partial ? 'it is partial, this one is not' : 'this one is partial, it is not');
  const options = (i: IndexModel) => JSON.stringify(Object.entries(i.options).sort());
  if (options(old) !== options(next)) out.push(`its options differ (${optionText(old)} vs ${optionText(next)})`);
  return out;
}

function optionText(i: IndexModel): string {
  const entries = Object.entries(i.options);
  return entries.length ? entries.map(([k, v]) => `${k} = ${v}`).join(', ') : 'none';
}

function tableDifferences(old: TableModel, next: TableModel): string[] {
  const out: string[] = [];
  const missing = [...next.columns.keys()].filter((c) => !old.columns.has(c));
  if (missing.length) out.push(`the existing table has no column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  for (const [name, col] of next.columns) {
    const before = old.columns.get(name);
    if (before && typeText(before) !== typeText(col)) out.push(`${name} is ${typeText(before)} there, ${typeText(col)} here`);
  }
  return out;
}

function typeText(c: ColumnModel): string {
  return `${c.type}${c.typmods.length ? `(${c.typmods.join(',')})` : ''}${c.isArray ? '[]' : ''}`;
}

/** The index name's token: after `IF NOT EXISTS`. */
function nameAfterExists(stmt: ParsedStatement): Range | undefined {
  const i = stmt.tokens.findIndex((t) => t.keyword === 'exists');
  const token = i >= 0 ? stmt.tokens[i + 1] : undefined;
  return token && { start: token.start, end: token.end };
}
