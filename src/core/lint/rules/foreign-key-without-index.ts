// PostgreSQL indexes the referenced side of a foreign key (it must be unique) but not the
// referencing side. Without that index, every DELETE or key UPDATE on the parent scans the whole
// child table to check for references (under lock), and ON DELETE CASCADE on a documents row
// scans all of chunks; joins from parent to children are slow too.
import { nameRangeAtLocation } from '../ast';
import { foreignKeyDefinitions, ForeignKeyDefinition } from '../foreign-keys';
import { displayTable, finalSchema } from '../schema-lookup';
import { textOf } from '../statement-text';
import type { IndexModel, Rule, SchemaModel, TableKey, TableModel } from '../types';

/** Index methods that can find rows by equality on their leading columns. */
const EQUALITY_METHODS = new Set(['btree', 'hash']);

export const foreignKeyWithoutIndex: Rule = {
  meta: {
    id: 'foreign-key-without-index',
    checklistItem: 5,
    defaultSeverity: 'warning',
    description: 'A foreign key whose columns are not the leading columns of any index, primary key or unique constraint in the migration set.',
    rationale: 'PostgreSQL does not index the referencing columns of a foreign key. Without an index, each DELETE or key UPDATE on the referenced table scans the whole referencing table (ON DELETE CASCADE included), and joins from parent to children are slow. Create an index led by the foreign key columns.',
    docs: 'docs/rules/foreign-key-without-index.md',
    fixable: true,
  },
  check(ctx) {
    const end = finalSchema(ctx);
    if (!end) return;
    const indexes = indexesByTable(end);
    for (const fk of foreignKeyDefinitions(ctx)) {
      const table = end.tables.get(fk.table);
      // Dropped or renamed later, or the constraint dropped later: nothing left to index.
      if (!table || !table.foreignKeys.some((f) => sameColumns(f.columns, fk.columns))) continue;
      if (isCovered(indexes.get(fk.table) ?? [], fk, table)) continue;
      const tableText = textOf(fk.stmt, nameRangeAtLocation(fk.stmt, fk.relation.location));
      const columns = fk.columns.join(', ');
      const indexSql = `CREATE INDEX ${indexName(fk)} ON ${tableText} (${columns});`;
      ctx.report({
        file: fk.file,
        start: fk.columnsRange.start,
        end: fk.columnsRange.end,
        message: `foreign key ${displayTable(fk.table)} (${columns}) has no index: deleting or updating a row of ${displayTable(fk.refTable)} scans all of ${displayTable(fk.table)}`,
        help: `${indexSql} (CONCURRENTLY, in its own migration, if ${displayTable(fk.table)} already holds rows)`,
        fix: {
          title: `Create an index on ${displayTable(fk.table)} (${columns})`,
          edits: [{ file: fk.file, start: fk.stmt.endWithSemicolon, end: fk.stmt.endWithSemicolon, newText: `\n${indexSql}` }],
        },
      });
    }
  },
};

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

/** Led by the foreign key's columns, in any order: equality on all of them can use it. */
function leads(keyColumns: (string | undefined)[], fkColumns: string[]): boolean {
  return keyColumns.length >= fkColumns.length && sameColumns(keyColumns.slice(0, fkColumns.length) as string[], fkColumns);
}

/** The schema's indexes per table, grouped once rather than scanned for every foreign key. */
function indexesByTable(schema: SchemaModel): Map<TableKey, IndexModel[]> {
  const out = new Map<TableKey, IndexModel[]>();
  for (const index of schema.indexes.values()) {
    const list = out.get(index.table);
    if (list) list.push(index);
    else out.set(index.table, [index]);
  }
  return out;
}

function isCovered(tableIndexes: IndexModel[], fk: ForeignKeyDefinition, table: TableModel): boolean {
  if (table.primaryKey && leads(table.primaryKey, fk.columns)) return true;
  if (table.uniques.some((u) => leads(u, fk.columns))) return true;
  return tableIndexes.some((i) => servesLookups(i) && leads(i.columns.map((c) => c.column), fk.columns));
}

/** A partial index does not serve the referential check, which has no WHERE clause of its own. */
function servesLookups(index: IndexModel): boolean {
  return !index.partial && EQUALITY_METHODS.has(index.method) && (index.method !== 'hash' || index.columns.length === 1);
}

/** `chunks_document_id_idx`, kept within PostgreSQL's 63-character identifiers. */
function indexName(fk: ForeignKeyDefinition): string {
  return `${fk.relation.relname}_${fk.columns.join('_')}_idx`.slice(0, 63);
}
