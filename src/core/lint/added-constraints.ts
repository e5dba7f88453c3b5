// PRIMARY KEY or UNIQUE added to an existing table builds its index under ACCESS EXCLUSIVE, the
// same way for both: ADD CONSTRAINT without USING INDEX, or the column constraint of ADD COLUMN.
import type { ConstrType } from '@pgsql/types';
import { as, columnConstraints, rangeAtLocation, Range } from './ast';
import { upAlterCommands, UpAlterCommand } from './alter-table-commands';
import { isExistingTable } from './existing-objects';
import type { RuleContext } from './types';

export interface AddedConstraint {
  command: UpAlterCommand;
  /** The constraint's own text when written on the column, else the whole action. */
  range: Range;
}

export function* constraintsAddedToExistingTables(ctx: Pick<RuleContext, 'migrations'>, contype: ConstrType): Generator<AddedConstraint> {
  for (const command of upAlterCommands(ctx)) {
    const { cmd, stmt, migration, table } = command;
    const con = cmd.subtype === 'AT_AddConstraint' ? as(cmd.def, 'Constraint') : undefined;
    const inline = cmd.subtype === 'AT_AddColumn'
      ? columnConstraints(as(cmd.def, 'ColumnDef') ?? {}).find((c) => c.contype === contype)
      : undefined;
    if (!(con?.contype === contype && !con.indexname) && !inline) continue;
    if (!isExistingTable(migration.up, stmt, table)) continue;
    yield { command, range: inline ? rangeAtLocation(stmt, inline.location) : command.range };
  }
}
