// Outline and Go to Symbol: a file's UP and DOWN sections with the objects each statement
// creates or changes, and every table, column and index the history defines.
import * as path from 'node:path';
import type { Node } from '@pgsql/types';
import { as, kindOf, names, rangeVarKey, tableElements } from '../lint/ast';
import { displayTable } from '../lint/schema-lookup';
import type { ParsedStatement } from '../lint/types';
import type { FileRange } from './navigation';
import type { ProjectModel } from './project-model';

export type SymbolKind = 'section' | 'table' | 'column' | 'index' | 'constraint' | 'extension' | 'statement';

export interface SchemaSymbol {
  name: string;
  kind: SymbolKind;
  detail: string;
  /** The whole statement (or section). */
  range: FileRange;
  /** The name itself. */
  selection: FileRange;
  children: SchemaSymbol[];
}

/** UP and DOWN of every migration held in `file`, each with its statements' objects. */
export function documentSymbols(model: ProjectModel, file: string): SchemaSymbol[] {
  const resolved = path.resolve(file);
  const out: SchemaSymbol[] = [];
  for (const m of model.migrations) {
    for (const section of [m.up, m.down]) {
      if (!section || path.resolve(section.section.file) !== resolved) continue;
      const s = section.section;
      const range = { file, start: s.start, end: s.end };
      const children = section.statements.flatMap((stmt) => statementSymbols(file, stmt));
      out.push({ name: s.direction.toUpperCase(), kind: 'section', detail: `${m.migration.version} ${m.migration.name}`, range, selection: range, children });
    }
  }
  return out;
}

function statementSymbols(file: string, stmt: ParsedStatement): SchemaSymbol[] {
  const range = { file, start: stmt.start, end: stmt.end };
  const sym = (name: string, kind: SymbolKind, detail: string, children: SchemaSymbol[] = []): SchemaSymbol =>
    ({ name, kind, detail, range, selection: nameSelection(file, stmt, name) ?? range, children });
  const ast = stmt.ast;
  const create = as(ast, 'CreateStmt');
  if (create) {
    const cols = tableElements(create.tableElts).columns.filter((c) => c.colname).map((c) => sym(c.colname!, 'column', 'column'));
    return [sym(displayTable(rangeVarKey(create.relation) ?? '?'), 'table', 'create table', cols)];
  }
  const alter = as(ast, 'AlterTableStmt');
  if (alter) {
    const cols = (alter.cmds ?? []).map((c) => as(c, 'AlterTableCmd')).flatMap((cmd) => {
      const name = cmd?.name ?? as(cmd?.def, 'ColumnDef')?.colname ?? as(cmd?.def, 'Constraint')?.conname;
      return name && cmd ? [sym(name, cmd.subtype?.includes('Constraint') ? 'constraint' : 'column', alterLabel(cmd.subtype))] : [];
    });
    return [sym(displayTable(rangeVarKey(alter.relation) ?? '?'), 'table', 'alter table', cols)];
  }
  const index = as(ast, 'IndexStmt');
  if (index) return [sym(index.idxname ?? `${index.relation?.relname ?? ''} index`, 'index', `index on ${index.relation?.relname ?? '?'}`)];
  const drop = as(ast, 'DropStmt');
  if (drop) {
    const kind: SymbolKind = drop.removeType === 'OBJECT_INDEX' ? 'index' : drop.removeType === 'OBJECT_TABLE' ? 'table' : 'statement';
    return (drop.objects ?? []).map((o: Node) => names(as(o, 'List')?.items ?? [o]).join('.')).filter(Boolean).map((n) => sym(n, kind, 'drop'));
  }
  const rename = as(ast, 'RenameStmt');
  if (rename?.newname) return [sym(rename.newname, rename.renameType === 'OBJECT_COLUMN' ? 'column' : rename.renameType === 'OBJECT_INDEX' ? 'index' : 'table', `rename ${rename.subname ?? rename.relation?.relname ?? ''}`)];
  const ext = as(ast, 'CreateExtensionStmt');
  if (ext?.extname) return [sym(ext.extname, 'extension', 'create extension')];
  return [];
}

function alterLabel(subtype: string | undefined): string {
  return (subtype ?? 'alter').replace(/^AT_/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function nameSelection(file: string, stmt: ParsedStatement, name: string): FileRange | undefined {
  const last = name.split('.').pop()!.toLowerCase();
  const t = stmt.tokens.find((tok) => tok.text.toLowerCase() === last || tok.text.slice(1, -1) === last);
  return t ? { file, start: t.start, end: t.end } : undefined;
}

export interface WorkspaceSymbol {
  name: string;
  kind: 'table' | 'column' | 'index';
  /** The table a column or index belongs to. */
  container: string;
  location: FileRange;
}

/** Every table, column and index any UP statement defines, in version order, filtered by `query`. */
export function workspaceSymbols(model: ProjectModel, query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const m of model.migrations) {
    const file = m.up.section.file;
    for (const stmt of m.up.statements) {
      const kind = kindOf(stmt.ast);
      if (kind !== 'CreateStmt' && kind !== 'AlterTableStmt' && kind !== 'IndexStmt') continue;
      for (const s of statementSymbols(file, stmt)) {
        if (s.kind === 'table' && kind === 'CreateStmt') out.push({ name: s.name, kind: 'table', container: path.basename(file), location: s.selection });
        if (s.kind === 'index') out.push({ name: s.name, kind: 'index', container: s.detail.replace(/^index on /, ''), location: s.selection });
        for (const c of s.children) {
          if (c.kind === 'column' && (kind === 'CreateStmt' || c.detail === 'add column')) out.push({ name: c.name, kind: 'column', container: s.name, location: c.selection });
        }
      }
    }
  }
  return q ? out.filter((s) => `${s.container}.${s.name}`.toLowerCase().includes(q)) : out;
}
