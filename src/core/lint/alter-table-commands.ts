// ALTER TABLE's commands with the text range each one covers. libpg-query gives AlterTableCmd no
// location, so the ranges come from the tokens: after the table name, the actions are separated
// by commas outside parentheses, one per command, in order.
import type { AlterTableCmd, AlterTableStmt, RangeVar } from '@pgsql/types';
import { as, nameRangeAtLocation, Range, rangeVarKey, statementRange, stmtAs } from './ast';
import { memoByStatement } from './statement-memo';
import type { ParsedMigration, ParsedStatement, RuleContext, TableKey } from './types';

export interface AlterCommand {
  cmd: AlterTableCmd;
  /** The action's text, e.g. `ALTER COLUMN c SET NOT NULL`. */
  range: Range;
}

/** The commands of the statement's ALTER TABLE (none for other statements), found once per statement. */
export function alterCommands(stmt: ParsedStatement): readonly AlterCommand[] {
  return memoByStatement('alterCommands', stmt, (s) => {
    const alter = stmtAs(s, 'AlterTableStmt');
    return alter ? commandsOf(s, alter) : [];
  });
}

function commandsOf(stmt: ParsedStatement, alter: AlterTableStmt): AlterCommand[] {
  const cmds = (alter.cmds ?? []).map((c) => as(c, 'AlterTableCmd')).filter((c): c is AlterTableCmd => c !== undefined);
  const ranges = actionRanges(stmt, alter);
  return cmds.map((cmd, i) => ({ cmd, range: ranges.length === cmds.length ? ranges[i] : statementRange(stmt) }));
}

function actionRanges(stmt: ParsedStatement, alter: AlterTableStmt): Range[] {
  if (alter.relation?.location === undefined) return [];
  const nameEnd = nameRangeAtLocation(stmt, alter.relation.location).end;
  let i = stmt.tokens.findIndex((t) => t.start >= nameEnd);
  if (i >= 0 && stmt.tokens[i].text === '*') i++;
  if (i < 0) return [];
  const ranges: Range[] = [];
  let depth = 0;
  let first = i;
  for (let j = i; j < stmt.tokens.length; j++) {
    const text = stmt.tokens[j].text;
    if (text === '(' || text === '[') depth++;
    else if (text === ')' || text === ']') depth--;
    else if (text === ',' && depth === 0) {
      if (j > first) ranges.push({ start: stmt.tokens[first].start, end: stmt.tokens[j - 1].end });
      first = j + 1;
    }
  }
  if (first < stmt.tokens.length) ranges.push({ start: stmt.tokens[first].start, end: stmt.tokens[stmt.tokens.length - 1].end });
  return ranges;
}

export interface UpAlterCommand extends AlterCommand {
  migration: ParsedMigration;
  stmt: ParsedStatement;
  alter: AlterTableStmt & { relation: RangeVar };
  /** The altered table's key, as the schema model and existing-objects name it. */
  table: TableKey;
}

/** Every command of every ALTER TABLE in the UP sections, in order: the loop most lock rules share. */
export function* upAlterCommands(ctx: Pick<RuleContext, 'migrations'>): Generator<UpAlterCommand> {
  for (const migration of ctx.migrations) {
    for (const stmt of migration.up.statements) {
      const alter = stmtAs(stmt, 'AlterTableStmt');
      const table = rangeVarKey(alter?.relation);
      if (!alter?.relation || !table) continue;
      for (const command of alterCommands(stmt)) {
        yield { ...command, migration, stmt, alter: alter as AlterTableStmt & { relation: RangeVar }, table };
      }
    }
  }
}
