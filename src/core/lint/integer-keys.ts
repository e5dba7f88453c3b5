// Integer types and the key columns generated from them, shared by prefer-bigint-identity and
// prefer-bigint-over-int so that one column never gets both findings.
import { ColumnDefinition, isIdentity, isSoleKeyColumn } from './column-definitions';

/** Serial pseudo-types: an integer column plus a sequence default. */
export const SERIAL_TYPES: ReadonlySet<string> = new Set(['serial', 'serial4', 'smallserial', 'serial2', 'bigserial', 'serial8']);

/** 16- and 32-bit integers, including their serial forms. */
export const NARROW_INTEGER_TYPES: ReadonlySet<string> = new Set(['int4', 'int2', 'serial', 'serial4', 'smallserial', 'serial2']);

/** The largest value of each narrow type, for messages. */
export function maxValue(type: string): string {
  return type === 'int2' || type === 'smallserial' || type === 'serial2' ? '32,767' : '2,147,483,647';
}

function isBuiltin(def: ColumnDefinition): boolean {
  return def.type.schema === undefined || def.type.schema === 'pg_catalog';
}

/**
 * A generated primary key that is not `bigint ... AS IDENTITY`: a serial of any width, or a
 * 16/32-bit identity. A plain integer key without a generator is a natural or shared key, which
 * this leaves to prefer-bigint-over-int.
 */
export function isNonBigintIdentityKey(def: ColumnDefinition): boolean {
  if (def.kind === 'alter-type' || !isBuiltin(def) || def.type.isArray || !isSoleKeyColumn(def)) return false;
  if (SERIAL_TYPES.has(def.type.name)) return true;
  return isIdentity(def) && (def.type.name === 'int4' || def.type.name === 'int2');
}

export function isNarrowInteger(def: ColumnDefinition): boolean {
  return isBuiltin(def) && NARROW_INTEGER_TYPES.has(def.type.name);
}

/**
 * Whether a column holds a key: generated (serial, identity), part of the primary key, a foreign
 * key, or named like one (id, *_id). Keys grow with the rows and are copied into other tables,
 * so they run out; a count or a position (chunk_index integer) does not, and is left alone.
 */
export function isKeyLike(def: ColumnDefinition): boolean {
  if (SERIAL_TYPES.has(def.type.name) || isIdentity(def)) return true;
  if (/^(id|.*_id)$/i.test(def.name)) return true;
  const names = (keys: unknown[] | undefined) => (keys ?? []).map((k) => (k as { String?: { sval?: string } }).String?.sval);
  if (def.constraints.some((c) => c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_FOREIGN')) return true;
  return def.tableConstraints.some((c) =>
    (c.contype === 'CONSTR_PRIMARY' && names(c.keys).includes(def.name))
    || (c.contype === 'CONSTR_FOREIGN' && names(c.fk_attrs).includes(def.name)));
}
