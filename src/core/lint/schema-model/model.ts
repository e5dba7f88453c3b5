// An empty schema and a deep-enough copy of one: snapshots per migration must not share the
// objects the builder goes on mutating.
import type { SchemaModel, TableModel } from '../types';

export function emptySchema(): SchemaModel {
  return { tables: new Map(), indexes: new Map(), extensions: new Set() };
}

export function cloneSchema(s: SchemaModel): SchemaModel {
  const tables = new Map<string, TableModel>();
  for (const [key, t] of s.tables) tables.set(key, cloneTable(t));
  const indexes = new Map([...s.indexes].map(([k, i]) => [k, { ...i, columns: i.columns.map((c) => ({ ...c })), options: { ...i.options } }]));
  return { tables, indexes, extensions: new Set(s.extensions) };
}

function cloneTable(t: TableModel): TableModel {
  return {
    ...t,
    columns: new Map([...t.columns].map(([k, c]) => [k, { ...c, typmods: [...c.typmods] }])),
    primaryKey: t.primaryKey ? [...t.primaryKey] : undefined,
    uniques: t.uniques.map((u) => [...u]),
    foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: [...f.columns], refColumns: [...f.refColumns] })),
  };
}

/** Indexes of one table. */
export function indexesOn(s: SchemaModel, table: string): import('../types').IndexModel[] {
  return [...s.indexes.values()].filter((i) => i.table === table);
}
