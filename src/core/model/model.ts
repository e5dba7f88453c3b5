// An empty schema, and copies of one that cost O(1): the maps are versioned (a copy is a layer
// over a snapshot), and a copy shares table and index objects with its source until one of the
// two changes them (copy on write). The builder asks for a private copy (ownedTable / ownedIndex)
// before every change, so snapshots per migration, or per statement, never see later changes.
import type { IndexModel, SchemaModel, TableModel } from '../lint/types';
import { VersionedMap } from './versioned-map';

/** Objects a model may change in place: made by it, or copied for it since its last clone. */
const owned = new WeakMap<SchemaModel, WeakSet<object>>();

export function emptySchema(): SchemaModel {
  const s: SchemaModel = { tables: VersionedMap.over(), indexes: VersionedMap.over(), extensions: new Set() };
  owned.set(s, new WeakSet());
  return s;
}

export function cloneSchema(s: SchemaModel): SchemaModel {
  // From now on both share every object: neither may change one without copying it first.
  owned.set(s, new WeakSet());
  const copy: SchemaModel = { tables: copyMap(s.tables), indexes: copyMap(s.indexes), extensions: new Set(s.extensions) };
  owned.set(copy, new WeakSet());
  return copy;
}

/**
 * A read-only copy of `s` as it is now, for rules to read: cheaper than cloneSchema, and writing
 * to it throws. `s` itself stays writable; its later changes do not show in the snapshot.
 */
export function snapshotSchema(s: SchemaModel): SchemaModel {
  if (!(s.tables instanceof VersionedMap) || !(s.indexes instanceof VersionedMap)) return cloneSchema(s);
  // From now on `s` shares every object with the snapshot: it copies one before changing it.
  owned.set(s, new WeakSet());
  return { tables: s.tables.snapshot(), indexes: s.indexes.snapshot(), extensions: new Set(s.extensions) };
}

function copyMap<V>(map: Map<string, V>): Map<string, V> {
  return map instanceof VersionedMap ? map.copy() : VersionedMap.over(new Map(map));
}

/** Records that `model` made `obj` and may change it in place. */
export function own<T extends object>(model: SchemaModel, obj: T): T {
  ownership(model).add(obj);
  return obj;
}

/** The table under `key`, safe to change in place (copied first if shared). */
export function ownedTable(model: SchemaModel, key: string): TableModel | undefined {
  const t = model.tables.get(key);
  if (!t || ownership(model).has(t)) return t;
  const copy = own(model, cloneTable(t));
  model.tables.set(key, copy);
  return copy;
}

/** The index under `key`, safe to change in place (copied first if shared). */
export function ownedIndex(model: SchemaModel, key: string): IndexModel | undefined {
  const i = model.indexes.get(key);
  if (!i || ownership(model).has(i)) return i;
  const copy = own(model, cloneIndex(i));
  model.indexes.set(key, copy);
  return copy;
}

function ownership(model: SchemaModel): WeakSet<object> {
  let set = owned.get(model);
  if (!set) {
    // A model built elsewhere (a test, a rule): treat everything in it as shared.
    set = new WeakSet();
    owned.set(model, set);
  }
  return set;
}

export function cloneTable(t: TableModel): TableModel {
  return {
    ...t,
    columns: new Map([...t.columns].map(([k, c]) => [k, { ...c, typmods: [...c.typmods] }])),
    primaryKey: t.primaryKey ? [...t.primaryKey] : undefined,
    uniques: t.uniques.map((u) => [...u]),
    constraints: [...t.constraints],
    ...(t.constraintDefinitions && { constraintDefinitions: new Map(t.constraintDefinitions) }),
    foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: [...f.columns], refColumns: [...f.refColumns] })),
  };
}

export function cloneIndex(i: IndexModel): IndexModel {
  return { ...i, columns: i.columns.map((c) => ({ ...c })), options: { ...i.options } };
}

/** Indexes of one table. */
export function indexesOn(s: SchemaModel, table: string): IndexModel[] {
  return [...s.indexes.values()].filter((i) => i.table === table);
}
