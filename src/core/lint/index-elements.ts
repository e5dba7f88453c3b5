// CREATE INDEX elements in the file, and the vector type each one indexes. libpg-query gives an
// IndexElem no location, so elements are found by walking the statement's tokens: the first
// parenthesised list after the table name, split at its top-level commas.
import type { IndexElem, IndexStmt, Node } from '@pgsql/types';
import { as, names, nameRangeAtLocation, Range, stmtAs, typeInfo } from './ast';
import { memoByStatement } from './statement-memo';
import { matching } from './type-range';
import type { ParsedStatement, TableModel } from './types';
import { vectorFamily, VectorFamily } from './vector-types';

export interface IndexElementSpan {
  elem: IndexElem;
  /** The whole element: `embedding vector_cosine_ops`, `(embedding::halfvec(3072)) halfvec_cosine_ops`. */
  range: Range;
  /** The column or expression alone, before any COLLATE, operator class or ordering. */
  target: Range;
  /** The operator class name (with its schema when written), when one is named. */
  opclass?: Range;
  /** The opclass as a bare lower-case name: 'vector_cosine_ops'. */
  opclassName?: string;
}

/** The elements of the statement's CREATE INDEX (none for other statements), found once per statement. */
export function indexElementsOf(stmt: ParsedStatement): readonly IndexElementSpan[] {
  return memoByStatement('indexElements', stmt, (s) => {
    const index = stmtAs(s, 'IndexStmt');
    return index ? indexElements(s, index) : [];
  });
}

export function indexElements(stmt: ParsedStatement, index: IndexStmt): IndexElementSpan[] {
  const elems = (index.indexParams ?? []).map((p) => as(p, 'IndexElem')).filter((e): e is IndexElem => e !== undefined);
  const tokens = stmt.tokens;
  const afterTable = index.relation ? nameRangeAtLocation(stmt, index.relation.location).end : stmt.start;
  const open = tokens.findIndex((t) => t.start >= afterTable && t.text === '(');
  if (open < 0) return [];
  const close = matching(tokens, open);
  const groups: number[][] = [];
  let current: number[] = [];
  for (let k = open + 1; k < close; k++) {
    if (tokens[k].text === '(' || tokens[k].text === '[') {
      const end = matching(tokens, k);
      for (let x = k; x <= end; x++) current.push(x);
      k = end;
    } else if (tokens[k].text === ',') {
      groups.push(current);
      current = [];
    } else current.push(k);
  }
  groups.push(current);
  if (groups.length !== elems.length) return [];
  return elems.map((elem, i) => span(stmt, elem, groups[i]));
}

function span(stmt: ParsedStatement, elem: IndexElem, group: number[]): IndexElementSpan {
  const tokens = stmt.tokens;
  const first = group[0];
  const last = group[group.length - 1];
  const range = { start: tokens[first].start, end: tokens[last].end };
  let targetEnd = first;
  if (tokens[first].text === '(') targetEnd = matching(tokens, first);
  else if (!elem.name) {
    // A function call written without extra parentheses: name[.name](args).
    while (tokens[targetEnd + 1]?.text === '.' && targetEnd + 2 <= last) targetEnd += 2;
    if (tokens[targetEnd + 1]?.text === '(') targetEnd = matching(tokens, targetEnd + 1);
  }
  const out: IndexElementSpan = { elem, range, target: { start: tokens[first].start, end: tokens[targetEnd].end } };
  const opclassParts = names(elem.opclass);
  if (opclassParts.length > 0) {
    const bare = opclassParts[opclassParts.length - 1];
    const at = group.find((k) => k > targetEnd && unquote(tokens[k].text) === bare);
    if (at !== undefined) {
      const qualified = tokens[at - 1]?.text === '.' && at - 2 > targetEnd ? at - 2 : at;
      out.opclass = { start: tokens[qualified].start, end: tokens[at].end };
    }
    out.opclassName = bare.toLowerCase();
  }
  return out;
}

function unquote(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

export interface IndexedVector {
  family: VectorFamily;
  dimensions?: number;
  /** The table column the element reads, when there is one. */
  column?: string;
  /** True when the element casts (`embedding::halfvec(3072)`) rather than naming the column. */
  isExpression: boolean;
}

/**
 * The vector type an index element indexes: the column's declared type, or the type of the cast
 * around an expression (`(binary_quantize(embedding)::bit(1536))`).
 */
export function indexedVector(elem: IndexElem, table: TableModel | undefined): IndexedVector | undefined {
  if (elem.name) return columnVector(elem.name, table, false);
  return exprVector(elem.expr, table);
}

function exprVector(expr: Node | undefined, table: TableModel | undefined): IndexedVector | undefined {
  const ref = as(expr, 'ColumnRef');
  if (ref) {
    const parts = names(ref.fields);
    return parts.length > 0 ? columnVector(parts[parts.length - 1], table, false) : undefined;
  }
  const cast = as(expr, 'TypeCast');
  if (cast) {
    const info = typeInfo(cast.typeName);
    const family = vectorFamily(info?.name);
    if (!family) return undefined;
    return { family, dimensions: info?.dimensions, column: columnRead(cast.arg), isExpression: true };
  }
  return undefined;
}

function columnVector(name: string, table: TableModel | undefined, isExpression: boolean): IndexedVector | undefined {
  const col = table?.columns.get(name);
  const family = vectorFamily(col?.type);
  if (!col || !family || col.isArray) return undefined;
  return { family, dimensions: col.dimensions ?? col.typmods[0], column: name, isExpression };
}

/** The column an expression reads directly or through one function: `embedding`, `binary_quantize(embedding)`. */
export function columnRead(expr: Node | undefined): string | undefined {
  const ref = as(expr, 'ColumnRef');
  if (ref) return names(ref.fields).pop();
  const fn = as(expr, 'FuncCall');
  if (fn?.args?.length === 1) return columnRead(fn.args[0]);
  const cast = as(expr, 'TypeCast');
  if (cast) return columnRead(cast.arg);
  return undefined;
}
