// Questions the vector and integrity rules ask of the schema model: the schema a statement sees,
// which columns are "the same embedding" elsewhere, how to name a table in a message.
import { schemaSnapshots } from '../model/snapshots';
import type { ColumnModel, ParsedMigration, ParsedStatement, RuleContext, SchemaModel, TableKey } from './types';

/** The schema a statement of `m` runs against: `m`'s earlier statements applied to the schema before `m`. */
export function schemaAt(ctx: RuleContext, m: ParsedMigration, stmt: ParsedStatement): SchemaModel {
  return schemaSnapshots(ctx.migrations).at(m, stmt);
}

/** The model after the last migration of the set: what the set leaves behind. */
export function finalSchema(ctx: RuleContext): SchemaModel | undefined {
  const last = ctx.migrations[ctx.migrations.length - 1];
  return last ? ctx.schemaAfter(last) : undefined;
}

/** 'public.documents' -> 'documents'; other schemas stay qualified. */
export function displayTable(key: TableKey): string {
  return key.startsWith('public.') ? key.slice('public.'.length) : key;
}

/** Table keys as the model writes them: unqualified names live in public. */
export function normalizeTableKey(name: string): TableKey {
  return name.includes('.') ? name : `public.${name}`;
}

export interface RelatedColumn {
  table: TableKey;
  column: ColumnModel;
  /** Why it is related: the same column name, or a foreign key between the tables. */
  via: 'same-name' | 'foreign-key';
}

/**
 * Columns of `types` that hold the same embedding as `table.column`: a column of the same name in
 * another table, or any such column of a table joined to it by a foreign key (either direction).
 */
export function relatedColumns(schema: SchemaModel, table: TableKey, column: string, types: ReadonlySet<string>): RelatedColumn[] {
  const own = schema.tables.get(table);
  const joined = new Set<TableKey>();
  for (const fk of own?.foreignKeys ?? []) joined.add(normalizeTableKey(fk.refTable));
  for (const [key, t] of schema.tables) {
    if (t.foreignKeys.some((fk) => normalizeTableKey(fk.refTable) === table)) joined.add(key);
  }
  const out: RelatedColumn[] = [];
  for (const [key, t] of schema.tables) {
    if (key === table) continue;
    for (const col of t.columns.values()) {
      if (!types.has(col.type) || col.isArray || col.dimensions === undefined) continue;
      if (col.name === column) out.push({ table: key, column: col, via: 'same-name' });
      else if (joined.has(key)) out.push({ table: key, column: col, via: 'foreign-key' });
    }
  }
  return out;
}
