// ALTER COLUMN ... TYPE usually rewrites the table and rebuilds every index on it, holding an
// ACCESS EXCLUSIVE lock (no reads, no writes) throughout. A few changes are only a catalog edit
// (binary-coercible types, a longer varchar, more numeric precision); those stay silent.
import { as, rangeVarName, typeInfo, TypeInfo } from '../ast';
import { upAlterCommands } from '../alter-table-commands';
import { isExistingColumn } from '../existing-objects';
import { schemaAt } from '../schema-lookup';
import type { ColumnModel, Rule } from '../types';

export const columnTypeChange: Rule = {
  meta: {
    id: 'column-type-change',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'ALTER COLUMN ... TYPE on an existing column, which rewrites the table and its indexes.',
    rationale: 'Changing a column\'s type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole rewrite, and breaks clients that expect the old type. Add a column of the new type, backfill it in batches, switch readers and writers over, then drop the old column. Widening varchar, varchar to text and more numeric precision need no rewrite and are not reported.',
    docs: 'docs/rules/column-type-change.md',
    fixable: false,
  },
  check(ctx) {
    for (const { migration: m, stmt, alter, table, cmd, range } of upAlterCommands(ctx)) {
      if (cmd.subtype !== 'AT_AlterColumnType' || !isExistingColumn(m.up, stmt, table, cmd.name)) continue;
      const def = as(cmd.def, 'ColumnDef');
      const to = typeInfo(def?.typeName);
      const from = schemaAt(ctx, m, stmt).tables.get(table)?.columns.get(cmd.name ?? '');
      if (to && from && !def?.raw_default && (isSameType(from, to) || isCatalogOnly(from, to))) continue;
      ctx.report({
        file: m.up.section.file,
        ...range,
        message: `changing the type of ${rangeVarName(alter.relation)}.${cmd.name} rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock`,
        help: 'add a new column of the new type, backfill it in batches, move readers and writers to it, then drop the old column',
      });
    }
  },
};

const TEXT_LIKE = new Set(['text', 'varchar']);

/** ALTER COLUMN ... TYPE to the type the column already has: PostgreSQL changes nothing. */
function isSameType(from: ColumnModel, to: TypeInfo): boolean {
  const sameTypmods = from.typmods.length === to.typmods.length && from.typmods.every((t, i) => t === to.typmods[i]);
  return from.type === to.name && from.isArray === to.isArray && sameTypmods;
}

/** Type changes PostgreSQL makes without touching the rows (binary coercible, no new check). */
function isCatalogOnly(from: ColumnModel, to: TypeInfo): boolean {
  if (from.isArray !== to.isArray) return false;
  if (TEXT_LIKE.has(from.type) && to.name === 'text') return true;
  if (TEXT_LIKE.has(from.type) && to.name === 'varchar') {
    const old = from.type === 'varchar' ? from.typmods[0] : undefined;
    const next = to.typmods[0];
    return next === undefined || (old !== undefined && next >= old);
  }
  if (from.type === 'numeric' && to.name === 'numeric') {
    if (to.typmods.length === 0) return true;
    const [p0, s0 = 0] = from.typmods;
    const [p1, s1 = 0] = to.typmods;
    return p0 !== undefined && s1 === s0 && p1 >= p0;
  }
  if ((from.type === 'varbit' && to.name === 'varbit') || (from.type === 'bpchar' && to.name === 'bpchar')) {
    return to.typmods.length === 0 || (from.typmods[0] !== undefined && to.typmods[0] >= from.typmods[0] && from.type === 'varbit');
  }
  return from.type === 'cidr' && to.name === 'inet';
}
