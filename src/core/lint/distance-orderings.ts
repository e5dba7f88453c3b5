// The similarity searches a migration set itself writes down: SQL functions and views that
// ORDER BY a pgvector distance (`ORDER BY d.embedding <=> query_embedding`). Lint asks whether an
// ANN index serves each (vector-column-unindexed); `check` plans each on the migrated schema
// when no architecture spec lists the queries. Function bodies are strings to PostgreSQL, so
// they are parsed here: LANGUAGE sql bodies whole, plpgsql bodies at their RETURN QUERY.
import type { A_Expr, CreateFunctionStmt, Node, RangeVar, SelectStmt } from '@pgsql/types';
import { parseSql, makeByteToCharMapper } from '../sql/parser';
import { as, findAll, names, rangeVarKey, stmtAs } from './ast';
import { memoByRun } from './statement-memo';
import type { ParsedMigration, ParsedStatement, RuleContext, TableKey } from './types';
import { PGVECTOR_OPERATORS } from './vector-types';

export interface DistanceOrdering {
  migration: ParsedMigration;
  /** The CREATE FUNCTION or CREATE VIEW statement. */
  stmt: ParsedStatement;
  kind: 'function' | 'view';
  /** The function's or view's name as written. */
  name: string;
  /** The table whose column is ordered by, when the FROM clause names it. */
  table: TableKey;
  column: string;
  /** `<=>`, `<->`, `<#>`, `<+>`, `<~>` or `<%>`. */
  operator: string;
  /** File offsets of the column reference in the ORDER BY. */
  start: number;
  end: number;
  /** The SELECT as PostgreSQL can plan it alone: a function's parameters replaced by $1, $2, ... */
  query: string;
}

/** Every distance ordering of the set's UP sections, found once per lint run. */
export function distanceOrderings(ctx: Pick<RuleContext, 'migrations'>): readonly DistanceOrdering[] {
  return memoByRun('distanceOrderings', ctx.migrations, (migrations) => {
    const out: DistanceOrdering[] = [];
    for (const m of migrations) for (const stmt of m.up.statements) out.push(...orderingsOf(m, stmt));
    return out;
  });
}

function orderingsOf(m: ParsedMigration, stmt: ParsedStatement): DistanceOrdering[] {
  const view = stmtAs(stmt, 'ViewStmt');
  if (view?.query) {
    const text = stmt.text.slice(locationOfSelect(stmt));
    const base = { migration: m, stmt, kind: 'view' as const, name: view.view?.relname ?? '' };
    return selectOrderings(view.query, (loc) => stmt.fileOffset(loc)).map((o) => ({ ...base, ...o, query: text }));
  }
  const fn = stmtAs(stmt, 'CreateFunctionStmt');
  return fn ? functionOrderings(m, stmt, fn) : [];
}

/** Where the view's SELECT starts in the statement text (AS is followed by it). */
function locationOfSelect(stmt: ParsedStatement): number {
  const m = /\bAS\s+(\(?\s*(SELECT|WITH|VALUES|TABLE)\b)/i.exec(stmt.text);
  return m ? m.index + m[0].length - m[1].length : 0;
}

function functionOrderings(m: ParsedMigration, stmt: ParsedStatement, fn: CreateFunctionStmt): DistanceOrdering[] {
  const options = new Map((fn.options ?? []).map((o) => as(o, 'DefElem')).filter((d) => d?.defname).map((d) => [d!.defname!, d!.arg]));
  const language = as(options.get('language'), 'String')?.sval?.toLowerCase();
  const body = names(as(options.get('as'), 'List')?.items)[0];
  if (!body || (language !== 'sql' && language !== 'plpgsql')) return [];
  const bodyStart = stmt.text.indexOf(body);
  if (bodyStart === -1) return [];
  const parameters = (fn.parameters ?? []).map((p) => as(p, 'FunctionParameter'))
    .filter((p) => p && p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE');
  const base = { migration: m, stmt, kind: 'function' as const, name: names(fn.funcname).join('.') };
  const out: DistanceOrdering[] = [];
  for (const q of queriesInBody(body, language)) {
    const parsed = parseSql(q.text);
    if (!parsed.ok) continue;
    const toChar = makeByteToCharMapper(q.text);
    const query = withNumberedParameters(q.text, parameters.map((p) => p!.name ?? ''));
    for (const s of parsed.stmts ?? []) {
      const select = as(s.stmt, 'SelectStmt');
      if (!select) continue;
      const fileOffset = (loc: number | undefined) => stmt.start + bodyStart + q.start + toChar(loc ?? 0);
      for (const o of selectOrderings(s.stmt!, fileOffset)) out.push({ ...base, ...o, query });
    }
  }
  return out;
}

/** The statements of a body that can hold a search: all of a SQL body, each RETURN QUERY of plpgsql. */
function queriesInBody(body: string, language: string): { text: string; start: number }[] {
  if (language === 'sql') return [{ text: body, start: 0 }];
  const out: { text: string; start: number }[] = [];
  for (const m of body.matchAll(/\breturn\s+query\s+(?!execute\b)/gi)) {
    const start = m.index! + m[0].length;
    const end = body.indexOf(';', start);
    out.push({ text: body.slice(start, end === -1 ? body.length : end), start });
  }
  return out;
}

/** `query_embedding` -> `$1` outside strings and quoted names, so the body plans on its own. */
function withNumberedParameters(text: string, parameterNames: string[]): string {
  let out = text;
  parameterNames.forEach((name, i) => {
    if (!name) return;
    const word = new RegExp(`('(?:[^']|'')*'|"(?:[^"]|"")*")|(?<![\\w$.])${name.replace(/[$]/g, '\\$')}(?![\\w$])`, 'gi');
    out = out.replace(word, (all, quoted) => (quoted ? all : `$${i + 1}`));
  });
  return out;
}

interface Found {
  table: TableKey;
  column: string;
  operator: string;
  start: number;
  end: number;
}

/** Distance orderings of every SELECT below `root`, each resolved against its own FROM clause. */
function selectOrderings(root: Node, fileOffset: (loc: number | undefined) => number): Found[] {
  const out: Found[] = [];
  for (const select of findAll(root, 'SelectStmt')) {
    for (const sort of (select.sortClause ?? []).map((n) => as(n, 'SortBy'))) {
      const expr = as(sort?.node, 'A_Expr');
      const found = expr && orderedColumn(expr, select);
      if (!found) continue;
      const start = fileOffset(found.location);
      out.push({ table: found.table, column: found.column, operator: found.operator, start, end: start + found.written.length });
    }
  }
  return out;
}

function orderedColumn(expr: A_Expr, select: SelectStmt): { table: TableKey; column: string; operator: string; location?: number; written: string } | undefined {
  const operator = names(expr.name).join('');
  if (!PGVECTOR_OPERATORS.has(operator)) return undefined;
  for (const side of [expr.lexpr, expr.rexpr]) {
    const ref = as(unwrapCast(side), 'ColumnRef');
    const fields = names(ref?.fields);
    if (!ref || fields.length === 0) continue;
    const column = fields[fields.length - 1];
    const table = tableOf(fields.length > 1 ? fields[fields.length - 2] : undefined, select);
    if (table) return { table, column, operator, location: ref.location, written: fields.join('.') };
  }
  return undefined;
}

function unwrapCast(node: Node | undefined): Node | undefined {
  const cast = as(node, 'TypeCast');
  return cast ? unwrapCast(cast.arg) : node;
}

/** The table a qualifier names in the FROM clause, or the only table when there is no qualifier. */
function tableOf(qualifier: string | undefined, select: SelectStmt): TableKey | undefined {
  const tables: RangeVar[] = [];
  const collect = (n: Node | undefined): void => {
    const rv = as(n, 'RangeVar');
    if (rv) tables.push(rv);
    const join = as(n, 'JoinExpr');
    if (join) { collect(join.larg); collect(join.rarg); }
  };
  for (const n of select.fromClause ?? []) collect(n);
  if (qualifier === undefined) return tables.length === 1 ? rangeVarKey(tables[0]) : undefined;
  const named = tables.find((t) => t.alias?.aliasname === qualifier) ?? tables.find((t) => !t.alias && t.relname === qualifier);
  return rangeVarKey(named);
}
