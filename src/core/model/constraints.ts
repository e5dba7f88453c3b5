// What the model keeps of a named constraint's definition: text for messages, and a shape that
// compares two definitions (if-not-exists-shadowed tells a guarded ADD CONSTRAINT of the same
// constraint from one of another definition under the same name).
import type { Constraint } from '@pgsql/types';
import { exprText, names, rangeVarName } from '../lint/ast';
import type { ConstraintModel, SourceRef } from '../lint/types';

const FK_ACTIONS: Record<string, string> = { r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** The definition of a constraint on `columns` (its keys, or the column it is written on). */
export function constraintModelOf(con: Constraint, columns: string[], ref: (loc?: number) => SourceRef): ConstraintModel {
  return { text: constraintText(con, columns), shape: constraintShape(con, columns), definedAt: ref(con.location) };
}

function constraintText(con: Constraint, columns: string[]): string {
  const cols = `(${columns.join(', ')})`;
  switch (con.contype) {
    case 'CONSTR_PRIMARY': return `PRIMARY KEY ${cols}`;
    case 'CONSTR_UNIQUE': return `UNIQUE ${cols}`;
    case 'CONSTR_CHECK': return `CHECK (${exprText(con.raw_expr)})`;
    case 'CONSTR_EXCLUSION': return `EXCLUDE USING ${con.access_method ?? 'btree'}`;
    case 'CONSTR_FOREIGN': {
      const refs = names(con.pk_attrs);
      const onDelete = FK_ACTIONS[con.fk_del_action ?? ''];
      const onUpdate = FK_ACTIONS[con.fk_upd_action ?? ''];
      return `FOREIGN KEY ${cols} REFERENCES ${con.pktable ? rangeVarName(con.pktable) : '?'}${refs.length ? ` (${refs.join(', ')})` : ''}`
        + `${onDelete ? ` ON DELETE ${onDelete}` : ''}${onUpdate ? ` ON UPDATE ${onUpdate}` : ''}`;
    }
    default: return (con.contype ?? 'constraint').replace(/^CONSTR_/, '');
  }
}

/** The parse without name, locations and NOT VALID (validation changes no definition), with its columns. */
function constraintShape(con: Constraint, columns: string[]): string {
  const skip = new Set(['conname', 'location', 'keys', 'fk_attrs', 'skip_validation', 'initially_valid']);
  return JSON.stringify([columns, con], (k, v) => (skip.has(k) ? undefined : v));
}
