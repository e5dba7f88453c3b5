// An unqualified table name resolves through search_path, which differs between roles, tools and
// connection poolers: the same migration can create or alter a table in another schema. Projects
// that qualify their table names rely on that; one unqualified name among them is a slip. Projects
// that never qualify rely on search_path on purpose, so the rule only speaks when most CREATE
// TABLE statements of the set qualify their names, or when its option `always` is true.
import type { RangeVar } from '@pgsql/types';
import { as, names, nameRangeAtLocation, stmtAs } from '../ast';
import { dropNames } from '../statement-text';
import type { ParsedStatement, Rule } from '../types';

export const tableWithoutSchema: Rule = {
  meta: {
    id: 'table-without-schema',
    checklistItem: 1,
    defaultSeverity: 'info',
    description: 'A table name without its schema, in a set that otherwise qualifies table names (or always, with the option `always`).',
    rationale: 'Unqualified names resolve through search_path, which can differ between the runner, psql, poolers and roles, so the statement may act on a table in another schema. When the project writes schema.table elsewhere, write it here too. Temporary tables are never reported.',
    docs: 'docs/rules/table-without-schema.md',
    fixable: false,
  },
  check(ctx) {
    const creates = ctx.migrations.flatMap((m) => m.up.statements).map((s) => stmtAs(s, 'CreateStmt')?.relation).filter((r): r is RangeVar => r !== undefined && r.relpersistence !== 't');
    const qualified = creates.filter((r) => r.schemaname).length;
    if (ctx.options.always !== true && !(qualified * 2 > creates.length)) return;
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        for (const at of unqualifiedNames(stmt)) {
          ctx.report({
            file: m.up.section.file,
            ...at,
            message: `table ${stmt.text.slice(at.start - stmt.start, at.end - stmt.start)} is not schema-qualified; it resolves through search_path, unlike the set's other table names`,
            help: 'write the schema too, e.g. public.documents',
          });
        }
      }
    }
  },
};

function unqualifiedNames(stmt: ParsedStatement): { start: number; end: number }[] {
  const rangeOf = (rv: RangeVar | undefined) => (rv && !rv.schemaname && rv.relpersistence !== 't' ? [nameRangeAtLocation(stmt, rv.location)] : []);
  const create = stmtAs(stmt, 'CreateStmt');
  if (create) return rangeOf(create.relation);
  const ctas = stmtAs(stmt, 'CreateTableAsStmt');
  if (ctas?.objtype === 'OBJECT_TABLE') return rangeOf(ctas.into?.rel);
  const alter = stmtAs(stmt, 'AlterTableStmt');
  if (alter && (alter.objtype ?? 'OBJECT_TABLE') === 'OBJECT_TABLE') return rangeOf(alter.relation);
  const drop = stmtAs(stmt, 'DropStmt');
  if (drop?.removeType === 'OBJECT_TABLE') {
    const found = dropNames(stmt, drop.removeType, false, drop.missing_ok === true);
    const objects = drop.objects ?? [];
    if (!found || found.names.length !== objects.length) return [];
    return found.names.filter((_, i) => names(as(objects[i], 'List')?.items).length === 1);
  }
  return [];
}
