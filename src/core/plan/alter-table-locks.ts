// ALTER TABLE's actions in the lock table: each action is one entry, and the statement holds the
// strongest of them for its whole run. Whether ADD COLUMN or ALTER COLUMN TYPE rewrites is
// decided as the lint rules decide it (same helpers), against the schema model.
import type { AlterTableCmd, ColumnDef, Constraint } from '@pgsql/types';
import { as, columnConstraints, stmtAs, typeInfo } from '../lint/ast';
import { alterCommands } from '../lint/alter-table-commands';
import { volatileCallIn } from '../lint/default-volatility';
import { isCatalogOnlyTypeChange } from '../lint/rules/column-type-change';
import { SERIAL_TYPES } from '../lint/rules/add-not-null-column-without-default';
import type { ParsedStatement } from '../lint/types';
import { lockEntry } from './lock-table';
import { relationRef, LockContext, LockTarget, RelationRef } from './targets';

const SIMPLE: Partial<Record<NonNullable<AlterTableCmd['subtype']>, string>> = {
  AT_DropColumn: 'alter-table.drop-column',
  AT_SetNotNull: 'alter-table.set-not-null',
  AT_DropNotNull: 'alter-table.drop-not-null',
  AT_ColumnDefault: 'alter-table.column-default',
  AT_ValidateConstraint: 'alter-table.validate-constraint',
  AT_DropConstraint: 'alter-table.drop-constraint',
  AT_SetStatistics: 'alter-table.set-statistics',
  AT_SetOptions: 'alter-table.set-column-options',
  AT_ResetOptions: 'alter-table.set-column-options',
  AT_SetRelOptions: 'alter-table.set-storage-parameters',
  AT_ResetRelOptions: 'alter-table.set-storage-parameters',
  AT_ClusterOn: 'alter-table.cluster-on',
  AT_DropCluster: 'alter-table.cluster-on',
  AT_SetCompression: 'alter-table.set-compression',
  AT_SetAccessMethod: 'alter-table.set-access-method',
  AT_AddIdentity: 'alter-table.identity',
  AT_SetIdentity: 'alter-table.identity',
  AT_DropIdentity: 'alter-table.identity',
  AT_EnableTrig: 'alter-table.trigger',
  AT_DisableTrig: 'alter-table.trigger',
  AT_EnableTrigAll: 'alter-table.trigger',
  AT_DisableTrigAll: 'alter-table.trigger',
  AT_EnableTrigUser: 'alter-table.trigger',
  AT_DisableTrigUser: 'alter-table.trigger',
};

export function alterTableLocks(stmt: ParsedStatement, ctx: LockContext): LockTarget[] {
  const alter = stmtAs(stmt, 'AlterTableStmt');
  const relation = relationRef(alter?.relation);
  if (!alter || !relation) return [];
  return alterCommands(stmt).map(({ cmd }) => commandTarget(cmd, relation, ctx));
}

function commandTarget(cmd: AlterTableCmd, relation: RelationRef, ctx: LockContext): LockTarget {
  const at = (id: string, extra: Partial<LockTarget> = {}): LockTarget => ({ entry: lockEntry(id), relation, ...extra });
  const simple = cmd.subtype ? SIMPLE[cmd.subtype] : undefined;
  if (simple) return at(simple);
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return at(addColumnRewrites(as(cmd.def, 'ColumnDef'), ctx) ? 'alter-table.add-column.rewrite' : 'alter-table.add-column');
    case 'AT_AlterColumnType':
      return at(typeChangeIsCatalogOnly(cmd, relation, ctx) ? 'alter-table.alter-column-type.catalog' : 'alter-table.alter-column-type');
    case 'AT_AddConstraint':
      return constraintTarget(as(cmd.def, 'Constraint'), at);
    case 'AT_AttachPartition':
      return at('alter-table.attach-partition', { other: relationRef(as(cmd.def, 'PartitionCmd')?.name) });
    case 'AT_DetachPartition': {
      const part = as(cmd.def, 'PartitionCmd');
      return part?.concurrent ? at('alter-table.detach-partition.concurrently') : at('alter-table.detach-partition', { other: relationRef(part?.name) });
    }
    default:
      return at('alter-table.other');
  }
}

function constraintTarget(con: Constraint | undefined, at: (id: string, extra?: Partial<LockTarget>) => LockTarget): LockTarget {
  switch (con?.contype) {
    case 'CONSTR_CHECK':
      return at(con.skip_validation ? 'alter-table.add-check.not-valid' : 'alter-table.add-check');
    case 'CONSTR_FOREIGN':
      return at(con.skip_validation ? 'alter-table.add-foreign-key.not-valid' : 'alter-table.add-foreign-key', { other: relationRef(con.pktable) });
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE':
      return con.indexname ? at('alter-table.add-constraint-using-index') : at('alter-table.add-unique', { indexBuild: { method: 'btree', options: {} } });
    default:
      return at('alter-table.other');
  }
}

/** Mirrors add-column-volatile-default: a value per row means a rewrite (PostgreSQL 11+). */
function addColumnRewrites(col: ColumnDef | undefined, ctx: LockContext): boolean {
  if (!col) return false;
  const type = typeInfo(col.typeName);
  if (type && SERIAL_TYPES.has(type.name)) return true;
  return columnConstraints(col).some((c) => c.contype === 'CONSTR_IDENTITY'
    || c.contype === 'CONSTR_GENERATED'
    || (c.contype === 'CONSTR_DEFAULT' && volatileCallIn(c.raw_expr, ctx.volatility) !== undefined));
}

function typeChangeIsCatalogOnly(cmd: AlterTableCmd, relation: RelationRef, ctx: LockContext): boolean {
  const def = as(cmd.def, 'ColumnDef');
  const to = typeInfo(def?.typeName);
  const from = ctx.schema.tables.get(relation.key)?.columns.get(cmd.name ?? '');
  return Boolean(to && from && !def?.raw_default && isCatalogOnlyTypeChange(from, to));
}
