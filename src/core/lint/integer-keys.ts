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
