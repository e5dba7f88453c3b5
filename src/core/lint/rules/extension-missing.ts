// A type, index access method, operator class or function that an extension other than pgvector
// provides (citext, pg_trgm's gin_trgm_ops, ParadeDB's bm25), used before any migration creates
// that extension: on a fresh database the statement fails (`type "citext" does not exist`,
// `access method "bm25" does not exist`). pgvector itself is vector-extension-missing's.
import { names, nameRangeAtLocation, Range, stmtAs, typeInfo } from '../ast';
import { quoteIdent } from '../../db/types';
import { indexElementsOf } from '../index-elements';
import { schemaAt } from '../schema-lookup';
import { nodesOf, typeNamesOf } from '../statement-nodes';
import { typeRange } from '../type-range';
import type { ParsedMigration, ParsedStatement, Rule, RuleContext } from '../types';

interface Provided {
  extension: string;
  types?: string[];
  methods?: string[];
  opclasses?: string[];
  /** Only names no other extension or built-in uses. */
  functions?: string[];
}

/**
 * What well-known extensions provide, by the names a migration writes. Left out on purpose:
 * uuid-ossp and pgcrypto, which platforms (Supabase, most managed PostgreSQL) install before any
 * migration runs, so a set that never creates them is usually right.
 */
const EXTENSIONS: Provided[] = [
  { extension: 'citext', types: ['citext'] },
  { extension: 'hstore', types: ['hstore'], opclasses: ['gin_hstore_ops', 'gist_hstore_ops'] },
  { extension: 'ltree', types: ['ltree', 'lquery', 'ltxtquery'], opclasses: ['gist_ltree_ops'] },
  { extension: 'cube', types: ['cube'] },
  { extension: 'postgis', types: ['geometry', 'geography'], functions: ['st_distance', 'st_dwithin', 'st_makepoint', 'st_setsrid', 'st_geomfromtext'] },
  { extension: 'pg_trgm', opclasses: ['gin_trgm_ops', 'gist_trgm_ops'], functions: ['similarity', 'word_similarity', 'strict_word_similarity', 'show_trgm'] },
  { extension: 'btree_gin', opclasses: ['int4_ops', 'int8_ops', 'text_ops'].map((o) => `gin_${o}`) },
  { extension: 'pg_search', methods: ['bm25'], functions: ['paradedb.score', 'paradedb.snippet'] },
  { extension: 'vectorscale', methods: ['diskann'] },
  { extension: 'unaccent', functions: ['unaccent'] },
  { extension: 'fuzzystrmatch', functions: ['levenshtein', 'soundex', 'metaphone', 'dmetaphone'] },
];

const BY_TYPE = index((p) => p.types);
const BY_METHOD = index((p) => p.methods);
const BY_OPCLASS = index((p) => p.opclasses);
const BY_FUNCTION = index((p) => p.functions);

function index(of: (p: Provided) => string[] | undefined): Map<string, string> {
  return new Map(EXTENSIONS.flatMap((p) => (of(p) ?? []).map((name) => [name, p.extension] as const)));
}

interface Usage extends Range {
  what: string;
  extension: string;
}

export const extensionMissing: Rule = {
  meta: {
    id: 'extension-missing',
    checklistItem: 7,
    defaultSeverity: 'error',
    description: 'A type, index method, operator class or function of an extension (citext, pg_trgm, ParadeDB\'s bm25, ...) used before any migration creates it.',
    rationale: 'On a fresh database (a new teammate, CI, a restore) only what the migrations create exists, so a statement using citext, gin_trgm_ops or USING bm25 fails until CREATE EXTENSION runs. Create the extension in this or an earlier migration.',
    docs: 'docs/rules/extension-missing.md',
    fixable: true,
  },
  check(ctx) {
    for (const m of ctx.migrations) checkMigration(ctx, m);
  },
};

/** The first use of each missing extension in a migration: creating it before that use fixes the rest. */
function checkMigration(ctx: RuleContext, m: ParsedMigration): void {
  const reported = new Set<string>();
  const statements = m.up.statements;
  statements.forEach((stmt, i) => {
    const usages = usagesIn(stmt);
    if (usages.length === 0) return;
    const extensions = schemaAt(ctx, m, stmt).extensions;
    for (const usage of usages.sort((a, b) => a.start - b.start)) {
      if (extensions.has(usage.extension) || reported.has(usage.extension)) continue;
      reported.add(usage.extension);
      const later = statements.slice(i + 1).some((s) => stmtAs(s, 'CreateExtensionStmt')?.extname === usage.extension);
      const file = m.up.section.file;
      ctx.report({
        file,
        start: usage.start,
        end: usage.end,
        message: later
          ? `${usage.what} needs the ${usage.extension} extension, but CREATE EXTENSION ${usage.extension} only runs later in this migration`
          : `${usage.what} needs the ${usage.extension} extension, but no migration up to here creates it`,
        help: `run CREATE EXTENSION IF NOT EXISTS ${quoteIdent(usage.extension)}; before this statement, in this or an earlier migration`,
        fix: { title: `Create the ${usage.extension} extension first`, edits: [{ file, start: stmt.start, end: stmt.start, newText: `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(usage.extension)};\n` }] },
      });
    }
  });
}

function usagesIn(stmt: ParsedStatement): Usage[] {
  if (!stmt.ast || stmtAs(stmt, 'CreateExtensionStmt')) return [];
  const out: Usage[] = [];
  for (const tn of typeNamesOf(stmt)) {
    const info = typeInfo(tn);
    const extension = info && info.schema !== 'pg_catalog' ? BY_TYPE.get(info.name) : undefined;
    const range = extension && typeRange(stmt, tn);
    if (extension && range) out.push({ start: range.start, end: range.end, extension, what: `type ${info!.name}` });
  }
  const index = stmtAs(stmt, 'IndexStmt');
  const method = index?.accessMethod?.toLowerCase();
  const byMethod = method ? BY_METHOD.get(method) : undefined;
  if (byMethod) {
    const token = stmt.tokens.find((t) => t.text.toLowerCase() === method || t.text === `"${method}"`);
    if (token) out.push({ start: token.start, end: token.end, extension: byMethod, what: `the ${method} index method` });
  }
  for (const el of index ? indexElementsOf(stmt) : []) {
    const extension = el.opclassName ? BY_OPCLASS.get(el.opclassName) : undefined;
    if (extension && el.opclass) out.push({ ...el.opclass, extension, what: `the ${el.opclassName} operator class` });
  }
  for (const fn of nodesOf(stmt, 'FuncCall')) {
    const parts = names(fn.funcname).map((p) => p.toLowerCase());
    const name = parts[parts.length - 1];
    const extension = BY_FUNCTION.get(parts.slice(-2).join('.')) ?? (name ? BY_FUNCTION.get(name) : undefined);
    if (extension) out.push({ ...nameRangeAtLocation(stmt, fn.location), extension, what: `${parts.join('.')}()` });
  }
  return out;
}
