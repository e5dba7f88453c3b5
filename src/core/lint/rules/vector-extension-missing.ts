// A migration that uses pgvector before any migration creates the extension fails with
// `type "vector" does not exist` (or `access method "hnsw" does not exist`) on a fresh database:
// the one every new teammate, CI run and disaster recovery starts from.
import { as, nameRangeAtLocation, names, Range, rangeAtLocation, stmtAs, typeInfo } from '../ast';
import { indexElementsOf } from '../index-elements';
import { nodesOf, typeNamesOf } from '../statement-nodes';
import { typeRange } from '../type-range';
import type { ParsedMigration, ParsedStatement, Rule, RuleContext, SchemaModel } from '../types';
import { PGVECTOR_OPERATORS, PGVECTOR_TYPES, vectorIndexMethod } from '../vector-types';

/** Operators other extensions also define (PostGIS, pg_trgm, btree_gist): pgvector's only with a vector operand. */
const SHARED_OPERATORS = new Set(['<->', '<#>']);

/** Functions only pgvector defines (distance functions with generic names are left out). */
const PGVECTOR_FUNCTIONS = new Set([
  'binary_quantize', 'cosine_distance', 'l2_distance', 'l1_distance', 'vector_dims', 'vector_norm', 'l2_normalize', 'subvector',
]);

const INSERT_EXTENSION = 'CREATE EXTENSION IF NOT EXISTS vector;\n';

interface Usage extends Range {
  what: string;
}

export const vectorExtensionMissing: Rule = {
  meta: {
    id: 'vector-extension-missing',
    checklistItem: 7,
    defaultSeverity: 'error',
    description: 'pgvector types, operators, functions or index methods used before any migration creates the vector extension.',
    rationale: 'On a fresh database (a new teammate, CI, a restore) the statement fails with "type \\"vector\\" does not exist" because nothing installed pgvector first. Create the extension in this or an earlier migration: CREATE EXTENSION IF NOT EXISTS vector;',
    docs: 'docs/rules/vector-extension-missing.md',
    fixable: true,
  },
  check(ctx) {
    for (const m of ctx.migrations) checkMigration(ctx, m);
  },
};

/** Reports the first use in a migration: creating the extension before it fixes the others. */
function checkMigration(ctx: RuleContext, m: ParsedMigration): void {
  const before = ctx.schemaBefore(m);
  if (hasVector(before)) return;
  const statements = m.up.statements;
  const vectorColumns = knownVectorColumns(ctx.schemaAfter(m));
  for (let i = 0; i < statements.length; i++) {
    const stmt = statements[i];
    if (createsVector(stmt)) return;
    const usage = usagesIn(stmt, vectorColumns).sort((a, b) => a.start - b.start)[0];
    if (!usage) continue;
    const later = statements.slice(i + 1).some(createsVector);
    const file = m.up.section.file;
    ctx.report({
      file,
      start: usage.start,
      end: usage.end,
      message: later
        ? `${usage.what} needs the pgvector extension, but CREATE EXTENSION vector only runs later in this migration`
        : `${usage.what} needs the pgvector extension, but no migration up to here runs CREATE EXTENSION vector`,
      help: 'run CREATE EXTENSION IF NOT EXISTS vector; before this statement, in this or an earlier migration',
      fix: {
        title: 'Create the vector extension first',
        edits: [{ file, start: stmt.start, end: stmt.start, newText: INSERT_EXTENSION }],
      },
    });
    return;
  }
}

function hasVector(schema: SchemaModel): boolean {
  // pgvectorscale cannot be installed without pgvector.
  return schema.extensions.has('vector') || schema.extensions.has('vectorscale');
}

/** CREATE EXTENSION vector, or an extension that installs it with CASCADE. */
function createsVector(stmt: ParsedStatement): boolean {
  const ext = stmtAs(stmt, 'CreateExtensionStmt');
  if (!ext) return false;
  if (ext.extname === 'vector') return true;
  const cascade = (ext.options ?? []).some((o) => as(o, 'DefElem')?.defname === 'cascade');
  return ext.extname === 'vectorscale' && cascade;
}

function knownVectorColumns(schema: SchemaModel): Set<string> {
  const out = new Set<string>();
  for (const t of schema.tables.values()) for (const c of t.columns.values()) if (PGVECTOR_TYPES.has(c.type)) out.add(c.name);
  return out;
}

function usagesIn(stmt: ParsedStatement, vectorColumns: Set<string>): Usage[] {
  if (!stmt.ast || stmtAs(stmt, 'CreateExtensionStmt')) return [];
  const out: Usage[] = [];
  for (const tn of typeNamesOf(stmt)) {
    const info = typeInfo(tn);
    if (!info || !PGVECTOR_TYPES.has(info.name) || info.schema === 'pg_catalog') continue;
    const range = typeRange(stmt, tn);
    if (range) out.push({ start: range.start, end: range.end, what: stmt.text.slice(range.start - stmt.start, range.end - stmt.start) });
  }
  for (const expr of nodesOf(stmt, 'A_Expr')) {
    const op = names(expr.name).join('');
    if (!PGVECTOR_OPERATORS.has(op)) continue;
    if (SHARED_OPERATORS.has(op) && !isVectorOperand(expr.lexpr, vectorColumns) && !isVectorOperand(expr.rexpr, vectorColumns)) continue;
    out.push({ ...rangeAtLocation(stmt, expr.location), what: `the ${op} operator` });
  }
  for (const fn of nodesOf(stmt, 'FuncCall')) {
    const parts = names(fn.funcname);
    const name = parts[parts.length - 1]?.toLowerCase();
    if (name && PGVECTOR_FUNCTIONS.has(name)) out.push({ ...nameRangeAtLocation(stmt, fn.location), what: `${name}()` });
  }
  const index = stmtAs(stmt, 'IndexStmt');
  const method = vectorIndexMethod(index?.accessMethod);
  if (index && method) {
    const token = stmt.tokens.find((t) => t.text.toLowerCase() === method || t.text === `"${method}"`);
    if (token) out.push({ start: token.start, end: token.end, what: `the ${method} index method` });
    for (const el of indexElementsOf(stmt)) {
      if (el.opclass && el.opclassName && /^(vector|halfvec|sparsevec|bit)_\w+_ops$/.test(el.opclassName)) {
        out.push({ ...el.opclass, what: `the ${el.opclassName} operator class` });
      }
    }
  }
  return out;
}

function isVectorOperand(node: unknown, vectorColumns: Set<string>): boolean {
  const cast = as(node as never, 'TypeCast');
  if (cast) {
    const info = typeInfo(cast.typeName);
    return info !== undefined && PGVECTOR_TYPES.has(info.name);
  }
  const literal = as(node as never, 'A_Const')?.sval?.sval;
  if (literal !== undefined) return /^\s*[[{]/.test(literal);
  const ref = as(node as never, 'ColumnRef');
  if (ref) return vectorColumns.has(names(ref.fields).pop() ?? '');
  return false;
}
