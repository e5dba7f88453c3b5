// What the lock table's verdict on a statement is about: the relations it names, the index it
// builds, and the schema it runs against. Shared by the statement and ALTER TABLE classifiers.
import type { RangeVar } from '@pgsql/types';
import { rangeVarKey, rangeVarName } from '../lint/ast';
import type { SchemaModel, TableKey } from '../lint/types';
import type { Volatility } from '../lint/default-volatility';
import type { LockEntry } from './lock-table';
import type { LockMode } from './lock-modes';

export interface RelationRef {
  /** 'public.chunks', as the schema model keys it. */
  key: TableKey;
  /** 'chunks', as the migration writes it. */
  name: string;
}

export interface IndexBuildTarget {
  method: string;
  /** The column the index reads first (its dimensions come from the database when the model lacks them). */
  column?: string;
  /** The vector column's dimensions, for HNSW and IVFFlat, as the migrations declare them. */
  dimensions?: number;
  /** WITH (...) options: m, ef_construction, lists. */
  options: Record<string, string | number>;
}

export interface LockTarget {
  entry: LockEntry;
  /** The relation the statement names; undefined for catalog-only statements. */
  relation?: RelationRef;
  /** The second relation of `entry.other`. */
  other?: RelationRef;
  /** LOCK TABLE's own mode, which overrides the entry's. */
  mode?: LockMode;
  indexBuild?: IndexBuildTarget;
}

export interface StatementLocks {
  targets: LockTarget[];
  /** Why the table has no entry for the statement (DO blocks, syntax errors, psql meta-commands). */
  unknown?: string;
}

export interface LockContext {
  /** The schema the statement runs against, from the lint engine's model. */
  schema: SchemaModel;
  /** Functions the migrations declare, for ADD COLUMN ... DEFAULT volatility. */
  volatility: ReadonlyMap<string, Volatility>;
}

export function relationRef(rv: RangeVar | undefined): RelationRef | undefined {
  const key = rangeVarKey(rv);
  return key && rv ? { key, name: rangeVarName(rv) } : undefined;
}
