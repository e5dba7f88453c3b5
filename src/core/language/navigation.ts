// Go to definition, find references and hover: the name under the cursor resolved against the
// schema as of that statement, then followed through the history in version order.
import type { RenameStmt } from '@pgsql/types';
import { as } from '../lint/ast';
import { displayTable } from '../lint/schema-lookup';
import type { ParsedStatement, SchemaModel, SourceRef } from '../lint/types';
import type { SqlToken } from '../sql/split';
import { columnType } from './completion';
import { cursorContext, tableKeyOf, tokensBefore, wordOf } from './cursor-context';
import type { Place, ProjectModel } from './project-model';

export type SchemaObject =
  | { kind: 'table'; table: string }
  | { kind: 'column'; table: string; column: string }
  | { kind: 'index'; index: string }
  | { kind: 'constraint'; table: string; constraint: string };

export interface Resolved {
  object: SchemaObject;
  /** The schema the object was found in (before or just after the cursor's statement). */
  schema: SchemaModel;
  /** The name token under the cursor. */
  token: { start: number; end: number };
}

export interface FileRange {
  file: string;
  start: number;
  end: number;
}

/** The schema object named at `offset`, if the history knows it. */
export function resolveAt(model: ProjectModel, file: string, offset: number): Resolved | undefined {
  const place = model.placeAt(file, offset);
  const stmt = place?.statement;
  if (!place || !stmt) return undefined;
  const i = stmt.tokens.findIndex((t) => t.start <= offset && offset <= t.end && wordOf(t) !== undefined);
  if (i < 0) return undefined;
  const token = stmt.tokens[i];
  for (const schema of [model.schemaAt(place, stmt.start), model.schemaAfterStatement(place)]) {
    const object = objectNamed(stmt, i, schema);
    if (object) return { object, schema, token: { start: token.start, end: token.end } };
  }
  return undefined;
}

function objectNamed(stmt: ParsedStatement, i: number, schema: SchemaModel): SchemaObject | undefined {
  const tokens = stmt.tokens;
  const word = wordOf(tokens[i])!;
  const qualifier = tokens[i - 1]?.text === '.' ? wordOf(tokens[i - 2]) : undefined;
  if (tokens[i + 1]?.text === '.' && schema.tables.has(`public.${word}`)) return { kind: 'table', table: `public.${word}` };
  const context = cursorContext(tokens, tokensBefore(stmt, tokens[i].start).slice(0, qualifier ? -2 : undefined));
  const asTable = qualifier ? `${qualifier}.${word}` : `public.${word}`;
  if (qualifier && schema.tables.get(`public.${qualifier}`)?.columns.has(word)) return { kind: 'column', table: `public.${qualifier}`, column: word };
  if (context.kind === 'columns') {
    const table = context.tables.find((t) => schema.tables.get(t)?.columns.has(word));
    if (table) return { kind: 'column', table, column: word };
  }
  if (context.kind === 'constraints' && schema.tables.get(context.table)?.foreignKeys.some((f) => f.name === word)) {
    return { kind: 'constraint', table: context.table, constraint: word };
  }
  if (schema.tables.has(asTable)) return { kind: 'table', table: asTable };
  if (schema.indexes.has(word)) return { kind: 'index', index: word };
  // A name in a column list or definition: a column of a table the statement names.
  for (const table of statementTables(tokens, schema)) {
    const t = schema.tables.get(table)!;
    if (t.columns.has(word)) return { kind: 'column', table, column: word };
    if (t.foreignKeys.some((f) => f.name === word)) return { kind: 'constraint', table, constraint: word };
  }
  return undefined;
}

/** The tables of `schema` a statement names, in the order it names them. */
function statementTables(tokens: readonly SqlToken[], schema: SchemaModel): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = wordOf(tokens[i]);
    if (w === undefined) continue;
    const key = tokens[i + 1]?.text === '.' && wordOf(tokens[i + 2]) ? tableKeyOf([w, wordOf(tokens[i + 2])!]) : `public.${w}`;
    if (schema.tables.has(key) && !out.includes(key)) out.push(key);
  }
  return out;
}

/** The name the object has under the cursor. */
export function nameOf(object: SchemaObject): string {
  return object.kind === 'table' ? object.table.split('.').pop()! : object.kind === 'column' ? object.column : object.kind === 'index' ? object.index : object.constraint;
}

/** Where the object was defined (or its column last retyped), as of the cursor. */
export function definitionOf(resolved: Resolved): SourceRef | undefined {
  const { object, schema } = resolved;
  switch (object.kind) {
    case 'table':
      return schema.tables.get(object.table)?.definedAt;
    case 'column':
      return schema.tables.get(object.table)?.columns.get(object.column)?.definedAt;
    case 'index':
      return schema.indexes.get(object.index)?.definedAt;
    case 'constraint':
      return schema.tables.get(object.table)?.foreignKeys.find((f) => f.name === object.constraint)?.definedAt;
  }
}

/** The name token at a model source location (definedAt points at the name's first character). */
export function nameRange(model: ProjectModel, ref: SourceRef, name?: string): FileRange {
  const stmt = model.placeAt(ref.file, ref.start)?.statement;
  // An index's location is its table's: prefer the token that spells the index's own name.
  const token = (name !== undefined ? stmt?.tokens.find((t) => wordOf(t) === name) : undefined)
    ?? stmt?.tokens.find((t) => t.start <= ref.start && ref.start < t.end);
  return token ? { file: ref.file, start: token.start, end: token.end } : { file: ref.file, start: ref.start, end: ref.end };
}

/**
 * Every statement that creates, alters, indexes, references or drops the object, in version order
 * (UP before DOWN within a migration): the tokens naming it. Names are followed through renames.
 */
export function referencesOf(model: ProjectModel, resolved: Resolved): FileRange[] {
  const def = definitionOf(resolved);
  if (!def) return [];
  const { object } = resolved;
  let tableNames = new Set<string>([tableOf(object) ?? '']);
  let name = nameOf(object);
  // The name at the definition may be older than the one under the cursor: read it there.
  const written = object.kind === 'table' || object.kind === 'column' ? definedName(model, def) : undefined;
  if (written) {
    if (object.kind === 'table') tableNames = new Set([`${object.table.split('.')[0]}.${written}`]);
    name = written;
  }
  const out: FileRange[] = [];
  for (const m of model.migrations.slice(def.migrationIndex)) {
    for (const section of [m.up, m.down]) {
      for (const stmt of section?.statements ?? []) {
        if (m.index === def.migrationIndex && section === m.up && stmt.endWithSemicolon <= def.start) continue;
        const renamed = renameOf(stmt, object.kind, name, tableNames);
        const hits = tokensNaming(stmt, object.kind, name, tableNames);
        // A rename names the object twice: by its old name and by its new one.
        const newNames = renamed ? tokensNaming(stmt, object.kind, renamed, object.kind === 'table' ? renamedTables(tableNames, renamed) : tableNames) : [];
        for (const t of [...hits, ...newNames.filter((n) => !hits.includes(n))].sort((a, b) => a.start - b.start)) {
          out.push({ file: section!.section.file, start: t.start, end: t.end });
        }
        if (section !== m.up) continue;
        if (renamed) {
          if (object.kind === 'table') tableNames = renamedTables(tableNames, renamed);
          name = renamed;
        }
      }
    }
  }
  return out;
}

/** The name as written where `def` points: the last part of a qualified name. */
function definedName(model: ProjectModel, def: SourceRef): string | undefined {
  const tokens = model.placeAt(def.file, def.start)?.statement?.tokens ?? [];
  let i = tokens.findIndex((t) => t.start <= def.start && def.start < t.end);
  if (i < 0) return undefined;
  while (tokens[i + 1]?.text === '.' && wordOf(tokens[i + 2]) !== undefined) i += 2;
  return wordOf(tokens[i]);
}

function renamedTables(keys: Set<string>, name: string): Set<string> {
  return new Set([...keys].map((k) => `${k.split('.')[0]}.${name}`));
}

function tableOf(object: SchemaObject): string | undefined {
  return object.kind === 'index' ? undefined : object.table;
}

function tokensNaming(stmt: ParsedStatement, kind: SchemaObject['kind'], name: string, tables: Set<string>): SqlToken[] {
  const tokens = stmt.tokens;
  const isName = (t: SqlToken) => wordOf(t) === name;
  if (kind === 'index') return tokens.filter(isName);
  const tableHits = tokens.filter((t, i) => {
    const w = wordOf(t);
    if (w === undefined || tokens[i + 1]?.text === '.') return false;
    const q = tokens[i - 1]?.text === '.' ? wordOf(tokens[i - 2]) : undefined;
    return tables.has(q ? `${q}.${w}` : `public.${w}`);
  });
  if (kind === 'table') return tableHits;
  if (tableHits.length === 0) return [];
  return tokens.filter((t, i) => isName(t) && !tableHits.includes(t) && tokens[i + 1]?.text !== '(');
}

/** The new name when `stmt` renames the followed object. */
function renameOf(stmt: ParsedStatement, kind: SchemaObject['kind'], name: string, tables: Set<string>): string | undefined {
  const r: RenameStmt | undefined = as(stmt.ast, 'RenameStmt');
  if (!r?.newname) return undefined;
  const rel = r.relation?.relname ? `${r.relation.schemaname ?? 'public'}.${r.relation.relname}` : undefined;
  if (kind === 'table' && r.renameType === 'OBJECT_TABLE' && rel && tables.has(rel)) return r.newname;
  if (kind === 'column' && r.renameType === 'OBJECT_COLUMN' && rel && tables.has(rel) && r.subname === name) return r.newname;
  if (kind === 'constraint' && r.renameType === 'OBJECT_TABCONSTRAINT' && r.subname === name) return r.newname;
  if (kind === 'index' && r.renameType === 'OBJECT_INDEX' && r.relation?.relname === name) return r.newname;
  return undefined;
}

/** Markdown for a hover on a table (or one of its columns): the table as it stands here. */
export function hoverMarkdown(model: ProjectModel, resolved: Resolved): string | undefined {
  const { object, schema } = resolved;
  if (object.kind === 'index') {
    const ix = schema.indexes.get(object.index);
    if (!ix) return undefined;
    const cols = ix.columns.map((c) => [c.column ?? c.expression, c.opclass].filter(Boolean).join(' ')).join(', ');
    return `**index ${ix.name}** on \`${displayTable(ix.table)}\` using ${ix.method} (${cols}) — ${model.where(ix.definedAt)}`;
  }
  const table = schema.tables.get(object.table);
  if (!table) return undefined;
  const lines = [`**table ${displayTable(object.table)}** — created ${model.where(table.definedAt)}`, '', '| column | type | | last changed |', '|---|---|---|---|'];
  for (const c of table.columns.values()) {
    const flags = [table.primaryKey?.includes(c.name) ? 'primary key' : '', c.notNull ? 'not null' : '', c.hasDefault ? 'default' : ''].filter(Boolean).join(', ');
    const name = object.kind === 'column' && object.column === c.name ? `**${c.name}**` : c.name;
    lines.push(`| ${name} | ${columnType(c)} | ${flags} | ${model.where(c.definedAt)} |`);
  }
  const indexes = [...schema.indexes.values()].filter((i) => i.table === object.table);
  if (indexes.length > 0) {
    lines.push('', '**Indexes**');
    for (const ix of indexes) lines.push(`- ${ix.name}: ${ix.unique ? 'unique ' : ''}${ix.method} (${ix.columns.map((c) => [c.column ?? c.expression, c.opclass].filter(Boolean).join(' ')).join(', ')}) — ${model.where(ix.definedAt)}`);
  }
  const constraints = [
    ...(table.primaryKey ? [`primary key (${table.primaryKey.join(', ')})`] : []),
    ...table.uniques.map((u) => `unique (${u.join(', ')})`),
    ...table.foreignKeys.map((f) => `${f.name ? `${f.name}: ` : ''}foreign key (${f.columns.join(', ')}) references ${displayTable(f.refTable)}${f.notValid ? ' not valid' : ''} — ${model.where(f.definedAt)}`),
  ];
  if (constraints.length > 0) lines.push('', '**Constraints**', ...constraints.map((c) => `- ${c}`));
  return lines.join('\n');
}

export type { Place };
