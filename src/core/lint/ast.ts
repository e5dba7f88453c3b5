// Small helpers over libpg-query's JSON AST, so rules read like the SQL they check instead of
// like protobuf: "the table this statement names", "the type of this column", "every FuncCall".
import type { A_Const, ColumnDef, Constraint, Node, RangeVar, TypeName } from '@pgsql/types';
import type { ParsedStatement, TableKey } from './types';

type KeysOf<U> = U extends unknown ? keyof U : never;
/** 'CreateStmt' | 'IndexStmt' | 'ColumnDef' | ... */
export type NodeKind = KeysOf<Node>;
/** The body type of a node kind: NodeOf<'CreateStmt'> is CreateStmt. */
export type NodeOf<K extends NodeKind> = Extract<Node, Record<K, unknown>>[K];

/** The kind of a wrapped node (`{ CreateStmt: {...} }` -> 'CreateStmt'). */
export function kindOf(node: Node | undefined): NodeKind | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 ? (keys[0] as NodeKind) : undefined;
}

/** The body of `node` when it is of `kind`, else undefined. */
export function as<K extends NodeKind>(node: Node | undefined, kind: K): NodeOf<K> | undefined {
  if (!node || typeof node !== 'object') return undefined;
  return (node as Record<string, unknown>)[kind] as NodeOf<K> | undefined;
}

/** The statement's body when it is of `kind`: `stmtAs(s, 'IndexStmt')?.concurrent`. */
export function stmtAs<K extends NodeKind>(stmt: ParsedStatement, kind: K): NodeOf<K> | undefined {
  return as(stmt.ast, kind);
}

export interface VisitedNode {
  kind: NodeKind;
  body: Record<string, unknown>;
  /** Kinds of the wrapped nodes above this one, outermost first; valid during the visit only (copy it to keep it). */
  ancestors: readonly NodeKind[];
}

/**
 * Visits every wrapped node below `root` (depth first, parents before children). Unwrapped
 * bodies held in typed fields (CreateStmt.relation is a bare RangeVar) are descended into but
 * not reported, since they carry no kind; read those fields directly.
 */
export function walk(root: unknown, visit: (node: VisitedNode) => void | 'skip'): void {
  const ancestors: NodeKind[] = [];
  const go = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) go(v);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const keys = Object.keys(value);
    if (keys.length === 1 && /^[A-Z]/.test(keys[0])) {
      const kind = keys[0] as NodeKind;
      const body = (value as Record<string, unknown>)[kind];
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        if (visit({ kind, body: body as Record<string, unknown>, ancestors }) === 'skip') return;
        ancestors.push(kind);
        for (const v of Object.values(body)) go(v);
        ancestors.pop();
        return;
      }
    }
    for (const v of Object.values(value)) go(v);
  };
  go(root);
}

/** Every node of `kind` below `root`. */
export function findAll<K extends NodeKind>(root: unknown, kind: K): NodeOf<K>[] {
  const out: NodeOf<K>[] = [];
  walk(root, (n) => {
    if (n.kind === kind) out.push(n.body as NodeOf<K>);
  });
  return out;
}

/** `String` node values of a name list: [{String:{sval:'public'}},{String:{sval:'t'}}] -> ['public','t']. */
export function names(list: Node[] | undefined): string[] {
  // A loop rather than map/filter: this runs for every name of every statement, and allocates once.
  const out: string[] = [];
  for (const n of list ?? []) {
    const value = as(n, 'String')?.sval;
    if (value) out.push(value);
  }
  return out;
}

/** The table key rules and the schema model share: `public.documents` (unqualified -> public). */
export function tableKey(schema: string | undefined, name: string): TableKey {
  return `${schema ?? 'public'}.${name}`;
}

export function rangeVarKey(rv: RangeVar | undefined): TableKey | undefined {
  if (!rv?.relname) return undefined;
  return tableKey(rv.schemaname, rv.relname);
}

/** `schema.name` as written (without the implicit public). */
export function rangeVarName(rv: RangeVar): string {
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname ?? '';
}

/** The integer value of an A_Const (libpg-query omits zero: `ival: {}`). */
export function constInt(c: A_Const | undefined): number | undefined {
  if (!c) return undefined;
  if (c.ival !== undefined) return c.ival.ival ?? 0;
  return undefined;
}

/** The value of an A_Const as a JS value: number, string, boolean or null. */
export function constValue(c: A_Const | undefined): string | number | boolean | null | undefined {
  if (!c) return undefined;
  if (c.isnull) return null;
  if (c.ival !== undefined) return c.ival.ival ?? 0;
  if (c.fval !== undefined) return Number(c.fval.fval);
  if (c.sval !== undefined) return c.sval.sval ?? '';
  if (c.boolval !== undefined) return c.boolval.boolval ?? false;
  if (c.bsval !== undefined) return c.bsval.bsval ?? '';
  return undefined;
}

/** pgvector's types whose first type modifier is a dimension count. */
export const VECTOR_TYPES = new Set(['vector', 'halfvec', 'sparsevec', 'bit']);

export interface TypeInfo {
  /** Lower-cased internal name without schema: 'vector', 'int8', 'varchar', 'text', 'timestamptz'. */
  name: string;
  /** The schema when written or implied (pg_catalog for built-in SQL types). */
  schema?: string;
  typmods: number[];
  isArray: boolean;
  /** For vector/halfvec/sparsevec/bit: the declared dimensions. */
  dimensions?: number;
}

const typeInfos = new WeakMap<TypeName, TypeInfo | undefined>();

/**
 * What a TypeName says, read once per node: the schema model, the column helpers and several rules
 * all ask about the same columns, and AST nodes outlive a lint run (the parse cache shares them).
 * Callers must not change the result.
 */
export function typeInfo(tn: TypeName | undefined): TypeInfo | undefined {
  if (!tn) return undefined;
  if (typeInfos.has(tn)) return typeInfos.get(tn);
  const info = readTypeInfo(tn);
  typeInfos.set(tn, info);
  return info;
}

function readTypeInfo(tn: TypeName): TypeInfo | undefined {
  const parts = names(tn.names);
  if (parts.length === 0) return undefined;
  const name = parts[parts.length - 1].toLowerCase();
  const typmods: number[] = [];
  for (const m of tn.typmods ?? []) {
    const n = constInt(as(m, 'A_Const'));
    if (n !== undefined) typmods.push(n);
  }
  const info: TypeInfo = {
    name,
    schema: parts.length > 1 ? parts[parts.length - 2] : undefined,
    typmods,
    isArray: (tn.arrayBounds?.length ?? 0) > 0,
  };
  if (VECTOR_TYPES.has(name) && typmods.length > 0) info.dimensions = typmods[0];
  return info;
}

/** Readable type text: 'vector(1536)', 'varchar(20)', 'int8[]'. */
export function typeText(info: TypeInfo): string {
  return `${info.name}${info.typmods.length ? `(${info.typmods.join(',')})` : ''}${info.isArray ? '[]' : ''}`;
}

/** The constraints of a column definition, unwrapped. */
export function columnConstraints(col: ColumnDef): Constraint[] {
  const out: Constraint[] = [];
  for (const c of col.constraints ?? []) {
    const con = as(c, 'Constraint');
    if (con) out.push(con);
  }
  return out;
}

export function hasConstraint(col: ColumnDef, contype: NonNullable<Constraint['contype']>): boolean {
  return columnConstraints(col).some((c) => c.contype === contype);
}

/** The ColumnDefs and table Constraints of a CREATE TABLE's element list. */
export function tableElements(elts: Node[] | undefined): { columns: ColumnDef[]; constraints: Constraint[] } {
  const columns: ColumnDef[] = [];
  const constraints: Constraint[] = [];
  for (const e of elts ?? []) {
    const col = as(e, 'ColumnDef');
    if (col) columns.push(col);
    const con = as(e, 'Constraint');
    if (con) constraints.push(con);
  }
  return { columns, constraints };
}

/** `{ m: 16, ef_construction: 64 }` from a WITH (...) DefElem list. */
export function defElemOptions(list: Node[] | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const n of list ?? []) {
    const d = as(n, 'DefElem');
    if (!d?.defname) continue;
    const arg = d.arg;
    const int = as(arg, 'Integer');
    const flt = as(arg, 'Float');
    const str = as(arg, 'String');
    const tn = as(arg, 'TypeName');
    if (int) out[d.defname] = int.ival ?? 0;
    else if (flt) out[d.defname] = Number(flt.fval);
    else if (str) out[d.defname] = str.sval ?? '';
    else if (tn) out[d.defname] = names(tn.names).join('.');
    else if (as(arg, 'Boolean')) out[d.defname] = String(as(arg, 'Boolean')?.boolval ?? false);
    else out[d.defname] = '';
  }
  return out;
}

/**
 * Short SQL-ish text of an expression for messages and the schema model (not a full deparser):
 * column refs, constants, casts, function calls and operators.
 */
export function exprText(node: Node | undefined): string {
  if (!node) return '';
  const col = as(node, 'ColumnRef');
  if (col) return (col.fields ?? []).map((f) => as(f, 'String')?.sval ?? (as(f, 'A_Star') ? '*' : '?')).join('.');
  const c = as(node, 'A_Const');
  if (c) {
    const v = constValue(c);
    return typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
  }
  const cast = as(node, 'TypeCast');
  if (cast) {
    const t = typeInfo(cast.typeName);
    return `(${exprText(cast.arg)})::${t ? typeText(t) : '?'}`;
  }
  const fn = as(node, 'FuncCall');
  if (fn) return `${names(fn.funcname).join('.')}(${(fn.args ?? []).map(exprText).join(', ')})`;
  const op = as(node, 'A_Expr');
  if (op) return `${exprText(op.lexpr)} ${names(op.name).join('')} ${exprText(op.rexpr)}`.trim();
  const coalesce = as(node, 'CoalesceExpr');
  if (coalesce) return `coalesce(${(coalesce.args ?? []).map(exprText).join(', ')})`;
  return `<${kindOf(node) ?? 'expr'}>`;
}

// ---- Positions: from AST locations to token ranges in the file. ----

export interface Range {
  start: number;
  end: number;
}

/** The token of `stmt` that starts at (or covers) file offset `offset`. */
export function tokenAt(stmt: ParsedStatement, offset: number): Range {
  for (const t of stmt.tokens) {
    if (t.start <= offset && offset < t.end) return { start: t.start, end: t.end };
    if (t.start > offset) break;
  }
  return { start: offset, end: Math.min(offset + 1, Math.max(stmt.end, offset)) };
}

/** The range of the token at an AST location (`node.location`), or the statement's first token. */
export function rangeAtLocation(stmt: ParsedStatement, location: number | undefined): Range {
  if (location === undefined || location < 0) return firstTokenRange(stmt);
  return tokenAt(stmt, stmt.fileOffset(location));
}

/**
 * The range of a possibly qualified name starting at an AST location: `public.documents`,
 * `"My Table"`; stops at the first token that is not a name part or a dot.
 */
export function nameRangeAtLocation(stmt: ParsedStatement, location: number | undefined): Range {
  const first = rangeAtLocation(stmt, location);
  const i = stmt.tokens.findIndex((t) => t.start === first.start);
  if (i < 0) return first;
  let end = stmt.tokens[i].end;
  for (let j = i + 1; j + 1 < stmt.tokens.length && stmt.tokens[j].text === '.'; j += 2) end = stmt.tokens[j + 1].end;
  return { start: first.start, end };
}

export function firstTokenRange(stmt: ParsedStatement): Range {
  const t = stmt.tokens[0];
  return t ? { start: t.start, end: t.end } : { start: stmt.start, end: stmt.end };
}

/** The whole statement, without its semicolon. */
export function statementRange(stmt: ParsedStatement): Range {
  return { start: stmt.start, end: stmt.end };
}

/** The first keyword token `word` (lower case) in the statement, e.g. 'concurrently'. */
export function keywordRange(stmt: ParsedStatement, word: string, from = 0): Range | undefined {
  const t = stmt.tokens.find((tok) => tok.start >= from && (tok.keyword === word || tok.text.toLowerCase() === word));
  return t ? { start: t.start, end: t.end } : undefined;
}

/**
 * The range of the first token whose text equals an identifier (case-insensitive unless quoted),
 * searched from file offset `from`: used for nodes libpg-query gives no location (IndexElem).
 */
export function identifierRange(stmt: ParsedStatement, name: string, from = stmt.start): Range | undefined {
  const t = stmt.tokens.find((tok) => tok.start >= from && identifierMatches(tok.text, name));
  return t ? { start: t.start, end: t.end } : undefined;
}

function identifierMatches(tokenText: string, name: string): boolean {
  if (tokenText.startsWith('"')) return tokenText.slice(1, -1).replace(/""/g, '"') === name;
  return tokenText.toLowerCase() === name;
}
