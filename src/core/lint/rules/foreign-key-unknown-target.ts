// A foreign key to a table no earlier migration creates fails on a fresh database with
// 'relation "documnets" does not exist': a typo, or migrations applied in an order that only
// worked on the author's machine.
import * as path from 'node:path';
import { rangeVarKey, stmtAs } from '../ast';
import { foreignKeyDefinitions, ForeignKeyDefinition } from '../foreign-keys';
import { displayTable, schemaAt } from '../schema-lookup';
import type { Rule, RuleContext, TableKey } from '../types';

export const foreignKeyUnknownTarget: Rule = {
  meta: {
    id: 'foreign-key-unknown-target',
    checklistItem: 6,
    defaultSeverity: 'error',
    description: 'A foreign key that references a table no earlier migration of the set creates, in a schema the set manages.',
    rationale: 'On a fresh database the statement fails with "relation ... does not exist": the name is misspelt, or the table is created by a later migration. Reference an existing table, or create it first.',
    docs: 'docs/rules/foreign-key-unknown-target.md',
    fixable: false,
  },
  check(ctx) {
    const created = tablesCreated(ctx);
    // Tables in schemas the set never creates tables in (auth.users, extension tables) live
    // outside the migrations: the set cannot know them, so it says nothing about them.
    const managedSchemas = new Set([...created.keys()].map((k) => k.split('.')[0]));
    for (const fk of foreignKeyDefinitions(ctx)) {
      if (!managedSchemas.has(fk.refTable.split('.')[0]) || isKnown(ctx, fk)) continue;
      const later = created.get(fk.refTable)?.find((c) => c.order > order(fk));
      const suggestion = later ? undefined : similarTable(fk.refTable, knownTables(ctx, fk));
      const name = displayTable(fk.refTable);
      ctx.report({
        file: fk.file,
        start: fk.refRange.start,
        end: fk.refRange.end,
        message: later
          ? `${name} is only created later, by ${path.basename(later.file)}: this foreign key fails with relation "${name}" does not exist`
          : `no migration before this one creates ${name}: this foreign key fails with relation "${name}" does not exist`,
        help: later
          ? `create ${name} in an earlier migration than this one, or move this foreign key after it`
          : suggestion ? `did you mean ${displayTable(suggestion)}?` : `create ${name} in an earlier migration, or reference an existing table`,
      });
    }
  },
};

interface Creation {
  file: string;
  /** Migration index and statement index, comparable as one number. */
  order: number;
}

function order(fk: ForeignKeyDefinition): number {
  return fk.migration.index * 1e6 + fk.migration.up.statements.indexOf(fk.stmt);
}

function tablesCreated(ctx: RuleContext): Map<TableKey, Creation[]> {
  const out = new Map<TableKey, Creation[]>();
  for (const m of ctx.migrations) {
    m.up.statements.forEach((stmt, i) => {
      const key = rangeVarKey(stmtAs(stmt, 'CreateStmt')?.relation);
      if (!key) return;
      const creation = { file: m.up.section.file, order: m.index * 1e6 + i };
      const list = out.get(key);
      if (list) list.push(creation);
      else out.set(key, [creation]);
    });
  }
  return out;
}

function isKnown(ctx: RuleContext, fk: ForeignKeyDefinition): boolean {
  if (fk.refTable === fk.table) return true; // self-reference: the table being created or altered
  return schemaAt(ctx, fk.migration, fk.stmt).tables.has(fk.refTable);
}

function knownTables(ctx: RuleContext, fk: ForeignKeyDefinition): TableKey[] {
  return [...schemaAt(ctx, fk.migration, fk.stmt).tables.keys()];
}

/** A known table one or two edits away (`documnets` -> `documents`, `document` -> `documents`). */
function similarTable(target: TableKey, known: TableKey[]): TableKey | undefined {
  let best: { key: TableKey; distance: number } | undefined;
  for (const key of known) {
    const d = editDistance(target, key);
    if (d <= 2 && (!best || d < best.distance)) best = { key, distance: d };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
