// "Existing" for the lock and rewrite rules: an object someone else may be using while the
// migration runs. A table created earlier in the same section is new — empty, and unseen by other
// sessions until COMMIT — so locking or rewriting it costs nothing. Anything else the section
// touches already exists: created by an earlier migration (it is in schemaBefore), or by nothing
// in the set at all, in which case it predates the migrations (you cannot ALTER what is not there).
import { as, names, rangeVarKey, tableKey } from './ast';
import { VersionedMap } from './schema-model/versioned-map';
import type { ParsedSection, ParsedStatement, TableKey } from './types';

/** Names the section created before a statement; answers `has` only. */
export interface NameSet {
  has(name: string): boolean;
}

export interface NewObjects {
  tables: NameSet;
  /** Lower-cased index names. */
  indexes: NameSet;
  /** Lower-cased, dot-joined domain names as written ('d' or 's.d'). */
  domains: NameSet;
  /** `table.column` for columns added to any table earlier in the section. */
  columns: NameSet;
}

/**
 * The names created so far, as versioned maps: the view before each statement is a snapshot
 * that costs O(1), where copying the sets for every statement made long sections quadratic.
 */
interface Recorder {
  tables: VersionedMap<TableKey, true>;
  indexes: VersionedMap<string, true>;
  domains: VersionedMap<string, true>;
  columns: VersionedMap<string, true>;
}

const NOTHING: NewObjects = { tables: new Set(), indexes: new Set(), domains: new Set(), columns: new Set() };

const cache = new WeakMap<ParsedSection, Map<ParsedStatement, NewObjects>>();

/** What the statements of `section` before `stmt` created. */
export function newObjectsBefore(section: ParsedSection, stmt: ParsedStatement): NewObjects {
  let perStatement = cache.get(section);
  if (!perStatement) {
    perStatement = snapshotsOf(section);
    cache.set(section, perStatement);
  }
  return perStatement.get(stmt) ?? NOTHING;
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
  const now: Recorder = { tables: VersionedMap.over(), indexes: VersionedMap.over(), domains: VersionedMap.over(), columns: VersionedMap.over() };
  for (const stmt of section.statements) {
    out.set(stmt, { tables: now.tables.snapshot(), indexes: now.indexes.snapshot(), domains: now.domains.snapshot(), columns: now.columns.snapshot() });
    record(now, stmt);
  }
  return out;
}

function record(now: Recorder, stmt: ParsedStatement): void {
  const ast = stmt.ast;
  if (!ast) return;
  const created = rangeVarKey(as(ast, 'CreateStmt')?.relation)
    ?? rangeVarKey(as(ast, 'CreateTableAsStmt')?.into?.rel)
    ?? rangeVarKey(as(ast, 'SelectStmt')?.intoClause?.rel);
  if (created) now.tables.set(created, true);

  const index = as(ast, 'IndexStmt');
  if (index?.idxname) now.indexes.set(index.idxname.toLowerCase(), true);

  const domain = as(ast, 'CreateDomainStmt');
  if (domain) now.domains.set(names(domain.domainname).join('.').toLowerCase(), true);

  const alter = as(ast, 'AlterTableStmt');
  const alterKey = rangeVarKey(alter?.relation);
  for (const c of alter?.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const col = cmd?.subtype === 'AT_AddColumn' ? as(cmd.def, 'ColumnDef')?.colname : undefined;
    if (alterKey && col) now.columns.set(`${alterKey}.${col}`, true);
  }

  const rename = as(ast, 'RenameStmt');
  if (rename?.renameType === 'OBJECT_TABLE' && rename.newname) {
    const from = rangeVarKey(rename.relation);
    if (from && now.tables.delete(from)) now.tables.set(tableKey(rename.relation?.schemaname, rename.newname), true);
  }
  if (rename?.renameType === 'OBJECT_INDEX' && rename.newname && rename.relation?.relname) {
    if (now.indexes.delete(rename.relation.relname.toLowerCase())) now.indexes.set(rename.newname.toLowerCase(), true);
  }
  if (rename?.renameType === 'OBJECT_COLUMN' && rename.subname && rename.newname) {
    const key = rangeVarKey(rename.relation);
    if (key && now.columns.delete(`${key}.${rename.subname}`)) now.columns.set(`${key}.${rename.newname}`, true);
  }
}
