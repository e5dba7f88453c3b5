// DROP INDEX, DROP CONSTRAINT or DROP COLUMN of something no migration before it creates, without
// IF EXISTS: on the fresh database every teammate, CI run and restore starts from, the statement
// fails ("index ... does not exist") and the migration with it. Usually a name that differs from
// the one PostgreSQL gave (chunks_embedding_idx vs chunks_embedding_idx1), or an object made by
// hand on one database.
import { as, names, nameRangeAtLocation, Range, rangeVarName, stmtAs } from '../ast';
import { upAlterCommands } from '../alter-table-commands';
import { schemaAt, displayTable } from '../schema-lookup';
import { dropNames } from '../statement-text';
import type { ParsedMigration, ParsedStatement, Rule, RuleContext, SchemaModel, TableModel } from '../types';

export const dropUnknownObject: Rule = {
  meta: {
    id: 'drop-unknown-object',
    checklistItem: 7,
    defaultSeverity: 'warning',
    description: 'DROP INDEX, DROP CONSTRAINT or DROP COLUMN, without IF EXISTS, of an object no earlier migration creates.',
    rationale: 'On a fresh database (a new teammate, CI, a restore) only what the migrations create exists, so dropping anything else fails and stops the migration. Drop the name PostgreSQL actually gave the object (an unnamed index is <table>_<column>_idx, an unnamed key <table>_<column>_key), or write IF EXISTS when the object may legitimately be absent.',
    docs: 'docs/rules/drop-unknown-object.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) checkDropIndex(ctx, m, stmt);
    }
    for (const { migration: m, stmt, alter, table, cmd } of upAlterCommands(ctx)) {
      if (cmd.missing_ok || !cmd.name || (cmd.subtype !== 'AT_DropColumn' && cmd.subtype !== 'AT_DropConstraint')) continue;
      const model = schemaAt(ctx, m, stmt).tables.get(table);
      if (!model || model.opaque) continue; // a table the migrations do not build: nothing known about it
      const at = nameAfter(stmt, cmd.name, alter.relation.location);
      if (cmd.subtype === 'AT_DropColumn' && !model.columns.has(cmd.name)) {
        report(ctx, m, at, `column ${cmd.name} of ${displayTable(table)}`, `the columns of ${rangeVarName(alter.relation)} are ${[...model.columns.keys()].join(', ') || 'none'}`);
      } else if (cmd.subtype === 'AT_DropConstraint' && !hasConstraint(model, cmd.name)) {
        report(ctx, m, at, `constraint ${cmd.name} of ${displayTable(table)}`, model.constraints.length > 0 ? `its named constraints are ${model.constraints.join(', ')}` : 'it has no named constraints');
      }
    }
  },
};

function checkDropIndex(ctx: RuleContext, m: ParsedMigration, stmt: ParsedStatement): void {
  const drop = stmtAs(stmt, 'DropStmt');
  if (drop?.removeType !== 'OBJECT_INDEX' || drop.missing_ok) return;
  const schema = schemaAt(ctx, m, stmt);
  // With no table built by the set, it runs against a database the set does not describe.
  if (schema.tables.size === 0) return;
  const found = dropNames(stmt, drop.removeType, drop.concurrent === true, false);
  (drop.objects ?? []).forEach((o, i) => {
    const name = (names(as(o, 'List')?.items).pop() ?? '').toLowerCase();
    if (!name || schema.indexes.has(name) || backsConstraint(schema, name)) return;
    const at = found?.names[i] ?? { start: stmt.start, end: stmt.end };
    report(ctx, m, at, `index ${name}`, similarIndexes(schema, name));
  });
}

function report(ctx: RuleContext, m: ParsedMigration, at: Range, what: string, known: string): void {
  ctx.report({
    file: m.up.section.file,
    ...at,
    message: `no migration before this creates ${what}, so on a fresh database this fails (${known})`,
    help: 'drop the name the object really has, or write IF EXISTS if it may be absent',
  });
}

function hasConstraint(table: TableModel, name: string): boolean {
  if (table.constraints.includes(name)) return true;
  // PostgreSQL 18 names NOT NULL constraints too: <table>_<column>_not_null.
  if ([...table.columns.values()].some((c) => c.notNull && name === `${table.name}_${c.name}_not_null`)) return true;
  // Unnamed CHECK and EXCLUDE constraints get names from their columns: not tracked, so not reported.
  return table.unnamedChecks && /_(check|excl|not_null)$/.test(name);
}

/** The index behind a primary key or unique constraint has the constraint's name. */
function backsConstraint(schema: SchemaModel, name: string): boolean {
  for (const t of schema.tables.values()) if (t.constraints.some((c) => c.toLowerCase() === name)) return true;
  return false;
}

function similarIndexes(schema: SchemaModel, name: string): string {
  const stem = name.replace(/_?(idx|index|key)\d*$/, '');
  const similar = [...schema.indexes.keys()].filter((k) => stem && k.includes(stem));
  return similar.length > 0 ? `indexes with similar names: ${similar.join(', ')}` : 'no index of that name exists at this point';
}

/** The dropped name's token after the table name (AlterTableCmd has no location). */
function nameAfter(stmt: ParsedStatement, name: string, relationLocation: number | undefined): Range {
  const from = nameRangeAtLocation(stmt, relationLocation).end;
  const token = stmt.tokens.find((t) => t.start >= from && (t.text === name || t.text.toLowerCase() === name || t.text === `"${name}"`));
  return token ? { start: token.start, end: token.end } : { start: stmt.start, end: stmt.end };
}
