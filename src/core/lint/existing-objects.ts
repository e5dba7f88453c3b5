// "Existing" for the lock and rewrite rules: an object someone else may be using while the
// migration runs. A table created earlier in the same section is new — empty, and unseen by other
// sessions until COMMIT — so locking or rewriting it costs nothing. Anything else the section
// touches already exists: created by an earlier migration (it is in schemaBefore), or by nothing
// in the set at all, in which case it predates the migrations (you cannot ALTER what is not there).
import { as, names, rangeVarKey, tableKey } from './ast';
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
 * Names created and dropped through a section, statement by statement. The view before a
 * statement is a small object made when asked, reading the shared history: copying the sets for
 * every statement made long sections quadratic.
 */
class NameTimeline {
  /** Per name, its changes in order: present or not from statement `at` on. */
  private readonly changes = new Map<string, { at: number; present: boolean }[]>();

  /** The names as they are before statement `at`. */
  before(at: number): NameSet {
    return { has: (name) => this.presentBefore(name, at) };
  }

  /** Records that statement `at` creates `name`. */
  add(name: string, at: number): void {
    this.change(name, at, true);
  }

  /** Records that statement `at` drops `name`; false (and nothing recorded) when it did not exist. */
  delete(name: string, at: number): boolean {
    if (!this.presentBefore(name, at + 1)) return false;
    this.change(name, at, false);
    return true;
  }

  private presentBefore(name: string, at: number): boolean {
    const list = this.changes.get(name);
    if (!list) return false;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].at < at) return list[i].present;
    return false;
  }

  private change(name: string, at: number, present: boolean): void {
    const list = this.changes.get(name);
    if (list) list.push({ at, present });
    else this.changes.set(name, [{ at, present }]);
  }
}

interface Recorder {
  tables: NameTimeline;
  indexes: NameTimeline;
  domains: NameTimeline;
  columns: NameTimeline;
}

const NOTHING: NewObjects = { tables: new Set(), indexes: new Set(), domains: new Set(), columns: new Set() };

/** A section's name timelines, and where each of its statements stands in them. */
interface SectionHistory {
  created: Recorder;
  positions: Map<ParsedStatement, number>;
}

const histories = new WeakMap<ParsedSection, SectionHistory>();

/** What the statements of `section` before `stmt` created. */
export function newObjectsBefore(section: ParsedSection, stmt: ParsedStatement): NewObjects {
  let history = histories.get(section);
  if (!history) {
    history = historyOf(section);
    histories.set(section, history);
  }
  const at = history.positions.get(stmt);
  if (at === undefined) return NOTHING;
  const { created } = history;
  return { tables: created.tables.before(at), indexes: created.indexes.before(at), domains: created.domains.before(at), columns: created.columns.before(at) };
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

function historyOf(section: ParsedSection): SectionHistory {
  const created: Recorder = { tables: new NameTimeline(), indexes: new NameTimeline(), domains: new NameTimeline(), columns: new NameTimeline() };
  const positions = new Map<ParsedStatement, number>();
  section.statements.forEach((stmt, at) => {
    positions.set(stmt, at);
    record(created, stmt, at);
  });
  return { created, positions };
}

function record(created: Recorder, stmt: ParsedStatement, at: number): void {
  const ast = stmt.ast;
  if (!ast) return;
  const table = rangeVarKey(as(ast, 'CreateStmt')?.relation)
    ?? rangeVarKey(as(ast, 'CreateTableAsStmt')?.into?.rel)
    ?? rangeVarKey(as(ast, 'SelectStmt')?.intoClause?.rel);
  if (table) created.tables.add(table, at);

  const index = as(ast, 'IndexStmt');
  if (index?.idxname) created.indexes.add(index.idxname.toLowerCase(), at);

  const domain = as(ast, 'CreateDomainStmt');
  if (domain) created.domains.add(names(domain.domainname).join('.').toLowerCase(), at);

  const alter = as(ast, 'AlterTableStmt');
  const alterKey = rangeVarKey(alter?.relation);
  for (const c of alter?.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const col = cmd?.subtype === 'AT_AddColumn' ? as(cmd.def, 'ColumnDef')?.colname : undefined;
    if (alterKey && col) created.columns.add(`${alterKey}.${col}`, at);
  }

  const rename = as(ast, 'RenameStmt');
  if (rename?.renameType === 'OBJECT_TABLE' && rename.newname) {
    const from = rangeVarKey(rename.relation);
    if (from && created.tables.delete(from, at)) created.tables.add(tableKey(rename.relation?.schemaname, rename.newname), at);
  }
  if (rename?.renameType === 'OBJECT_INDEX' && rename.newname && rename.relation?.relname) {
    if (created.indexes.delete(rename.relation.relname.toLowerCase(), at)) created.indexes.add(rename.newname.toLowerCase(), at);
  }
  if (rename?.renameType === 'OBJECT_COLUMN' && rename.subname && rename.newname) {
    const key = rangeVarKey(rename.relation);
    if (key && created.columns.delete(`${key}.${rename.subname}`, at)) created.columns.add(`${key}.${rename.newname}`, at);
  }
}
