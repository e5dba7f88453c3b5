// "Existing" for the lock and rewrite rules: an object someone else may be using while the
// migration runs. A table created earlier in the same section is new — empty, and unseen by other
// sessions until COMMIT — so locking or rewriting it costs nothing. Anything else the section
// touches already exists: created by an earlier migration (it is in schemaBefore), or by nothing
// in the set at all, in which case it predates the migrations (you cannot ALTER what is not there).
import { as, names, rangeVarKey, tableKey } from './ast';
import type { ParsedSection, ParsedStatement, TableKey } from './types';

export interface NewObjects {
  tables: ReadonlySet<TableKey>;
  /** Lower-cased index names. */
  indexes: ReadonlySet<string>;
  /** Lower-cased, dot-joined domain names as written ('d' or 's.d'). */
  domains: ReadonlySet<string>;
  /** `table.column` for columns added to any table earlier in the section. */
  columns: ReadonlySet<string>;
}

interface MutableNewObjects {
  tables: Set<TableKey>;
  indexes: Set<string>;
  domains: Set<string>;
  columns: Set<string>;
}

const cache = new WeakMap<ParsedSection, Map<ParsedStatement, NewObjects>>();

/** What the statements of `section` before `stmt` created. */
export function newObjectsBefore(section: ParsedSection, stmt: ParsedStatement): NewObjects {
  let perStatement = cache.get(section);
  if (!perStatement) {
    perStatement = snapshotsOf(section);
    cache.set(section, perStatement);
  }
  return perStatement.get(stmt) ?? { tables: new Set(), indexes: new Set(), domains: new Set(), columns: new Set() };
}

/** True when `key` names a table this statement finds in the database (see the file comment). */
export function isExistingTable(section: ParsedSection, stmt: ParsedStatement, key: TableKey | undefined): key is TableKey {
  return key !== undefined && !newObjectsBefore(section, stmt).tables.has(key);
}

/** True when the column existed before the section: its table exists and the section did not add it. */
export function isExistingColumn(section: ParsedSection, stmt: ParsedStatement, key: TableKey | undefined, column: string | undefined): boolean {
  if (!isExistingTable(section, stmt, key) || !column) return false;
  return !newObjectsBefore(section, stmt).columns.has(`${key}.${column}`);
}

function snapshotsOf(section: ParsedSection): Map<ParsedStatement, NewObjects> {
  const out = new Map<ParsedStatement, NewObjects>();
  const now: MutableNewObjects = { tables: new Set(), indexes: new Set(), domains: new Set(), columns: new Set() };
  for (const stmt of section.statements) {
    out.set(stmt, { tables: new Set(now.tables), indexes: new Set(now.indexes), domains: new Set(now.domains), columns: new Set(now.columns) });
    record(now, stmt);
  }
  return out;
}

function record(now: MutableNewObjects, stmt: ParsedStatement): void {
  const ast = stmt.ast;
  if (!ast) return;
  const created = rangeVarKey(as(ast, 'CreateStmt')?.relation)
    ?? rangeVarKey(as(ast, 'CreateTableAsStmt')?.into?.rel)
    ?? rangeVarKey(as(ast, 'SelectStmt')?.intoClause?.rel);
  if (created) now.tables.add(created);

  const index = as(ast, 'IndexStmt');
  if (index?.idxname) now.indexes.add(index.idxname.toLowerCase());

  const domain = as(ast, 'CreateDomainStmt');
  if (domain) now.domains.add(names(domain.domainname).join('.').toLowerCase());

  const alter = as(ast, 'AlterTableStmt');
  const alterKey = rangeVarKey(alter?.relation);
  for (const c of alter?.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const col = cmd?.subtype === 'AT_AddColumn' ? as(cmd.def, 'ColumnDef')?.colname : undefined;
    if (alterKey && col) now.columns.add(`${alterKey}.${col}`);
  }

  const rename = as(ast, 'RenameStmt');
  if (rename?.renameType === 'OBJECT_TABLE' && rename.newname) {
    const from = rangeVarKey(rename.relation);
    if (from && now.tables.delete(from)) now.tables.add(tableKey(rename.relation?.schemaname, rename.newname));
  }
  if (rename?.renameType === 'OBJECT_INDEX' && rename.newname && rename.relation?.relname) {
    if (now.indexes.delete(rename.relation.relname.toLowerCase())) now.indexes.add(rename.newname.toLowerCase());
  }
  if (rename?.renameType === 'OBJECT_COLUMN' && rename.subname && rename.newname) {
    const key = rangeVarKey(rename.relation);
    if (key && now.columns.delete(`${key}.${rename.subname}`)) now.columns.add(`${key}.${rename.newname}`);
  }
}
