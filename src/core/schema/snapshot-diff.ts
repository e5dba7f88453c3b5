// What changed between two snapshots of one database, as a person would say it: the round trip
// compares the schema before UP with the schema after UP and DOWN.
import type { CatalogSnapshot } from './catalog';
import { flattenSnapshot, SchemaObject } from './objects';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface SchemaChange {
  kind: ChangeKind;
  /** The object as it is now (added, changed) or was (removed). */
  object: SchemaObject;
  /** For 'changed': the object as it was before. */
  before?: SchemaObject;
}

const RELATION_KINDS = new Set(['table', 'partitioned table', 'view', 'materialized view', 'foreign table', 'sequence']);

/**
 * Changes from `before` to `after`. Columns, constraints, indexes, triggers and policies of a
 * table that was itself added or removed are left out (they came or went with it), and so is
 * everything in a schema that was added or removed.
 */
export function diffSnapshots(before: CatalogSnapshot, after: CatalogSnapshot): SchemaChange[] {
  return diffObjects(flattenSnapshot(before), flattenSnapshot(after));
}

export function diffObjects(beforeList: readonly SchemaObject[], afterList: readonly SchemaObject[]): SchemaChange[] {
  const before = new Map(beforeList.map((o) => [o.key, o]));
  const after = new Map(afterList.map((o) => [o.key, o]));
  const changes: SchemaChange[] = [];
  for (const [key, o] of after) {
    const was = before.get(key);
    if (!was) changes.push({ kind: 'added', object: o });
    else if (was.signature !== o.signature) changes.push({ kind: 'changed', object: o, before: was });
  }
  for (const [key, o] of before) if (!after.has(key)) changes.push({ kind: 'removed', object: o });
  const goneOrNewRelations = new Set(changes.filter((c) => c.kind !== 'changed' && RELATION_KINDS.has(c.object.kind)).map((c) => `${c.object.schema}.${c.object.name}`));
  const goneOrNewSchemas = new Set(changes.filter((c) => c.kind !== 'changed' && c.object.kind === 'schema').map((c) => c.object.name));
  return changes.filter((c) => {
    const o = c.object;
    if (o.table && c.kind !== 'changed' && goneOrNewRelations.has(`${o.schema}.${o.table}`)) return false;
    if (o.kind !== 'schema' && o.schema && goneOrNewSchemas.has(o.schema)) return false;
    return true;
  });
}

/** One line per change, from the point of view of a DOWN that should have restored `before`. */
export function describeRoundTripChange(c: SchemaChange): string {
  const o = c.object;
  switch (c.kind) {
    case 'added':
      return `leaves ${o.display} behind${o.summary ? ` (${o.summary})` : ''}`;
    case 'removed':
      return `removes ${o.display}${o.summary ? ` (${o.summary})` : ''}, which existed before UP`;
    case 'changed':
      return `does not restore ${o.display}: ${c.before!.summary || 'as it was'} before UP, ${o.summary || 'different'} after DOWN`;
  }
}
