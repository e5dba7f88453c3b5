// ADD COLUMN ... NOT NULL with no DEFAULT must give existing rows a value and has none: on any
// table that holds a row, PostgreSQL rejects the statement and the migration fails.
import { as, columnConstraints, rangeAtLocation, rangeVarName, typeInfo } from '../ast';
import { upAlterCommands } from '../alter-table-commands';
import { phraseRange } from '../statement-text';
import { isExistingTable } from '../existing-objects';
import type { Rule } from '../types';

/** Serial types bring their own DEFAULT nextval(...). */
export const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

export const addNotNullColumnWithoutDefault: Rule = {
  meta: {
    id: 'add-not-null-column-without-default',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'ADD COLUMN ... NOT NULL (or PRIMARY KEY) without a DEFAULT on a table that already exists.',
    rationale: 'Existing rows would hold NULL in the new column, so PostgreSQL refuses the ALTER on any table that is not empty: the migration passes on an empty development database and fails in production. Add the column with a DEFAULT (a constant default costs no rewrite on PostgreSQL 11+), or add it nullable, backfill it, then set NOT NULL through a validated CHECK constraint.',
    docs: 'docs/rules/add-not-null-column-without-default.md',
    fixable: false,
  },
  check(ctx) {
    for (const { migration: m, stmt, alter, table, cmd, range } of upAlterCommands(ctx)) {
      const col = cmd.subtype === 'AT_AddColumn' ? as(cmd.def, 'ColumnDef') : undefined;
      if (!col || !isExistingTable(m.up, stmt, table)) continue;
      const cons = columnConstraints(col);
      const filled = SERIAL_TYPES.has(typeInfo(col.typeName)?.name ?? '')
        || cons.some((c) => c.contype === 'CONSTR_DEFAULT' || c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED');
      const required = cons.find((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
      if (filled || !required) continue;
      const words = required.contype === 'CONSTR_PRIMARY' ? ['primary', 'key'] : ['not', 'null'];
      const at = phraseRange(stmt, words, { start: stmt.fileOffset(required.location), end: range.end })
        ?? rangeAtLocation(stmt, required.location);
      ctx.report({
        file: m.up.section.file,
        ...at,
        message: `column ${col.colname} is added to existing table ${rangeVarName(alter.relation)} as ${words.join(' ').toUpperCase()} without a DEFAULT; PostgreSQL rejects this on a table that has rows`,
        help: 'give the column a DEFAULT, or add it nullable, backfill it, then set NOT NULL through CHECK (... IS NOT NULL) NOT VALID and VALIDATE CONSTRAINT',
      });
    }
  },
};
