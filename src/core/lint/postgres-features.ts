// Syntax and built-in functions by the PostgreSQL major version that introduced them, found in
// the AST (libpg-query parses with PostgreSQL 18's grammar, so newer syntax parses fine and must
// be caught here). Each entry says what to look for and which token to point at.
import { as, keywordRange, names, NodeKind, Range, rangeAtLocation } from './ast';
import type { ParsedStatement } from './types';

export interface FeatureUse {
  since: number;
  feature: string;
  range: Range;
}

interface NodeFeature {
  kind: NodeKind;
  since: number;
  feature: string | ((body: Record<string, unknown>) => string);
  /** Whether this node uses the feature; every node of the kind when absent. */
  when?: (body: Record<string, unknown>) => boolean;
  /** Where to point: a phrase of keywords, else the node's location, else the statement start. */
  phrase?: string[];
}

const JSON_FUNC_NAMES: Record<string, string> = { JSON_EXISTS_OP: 'JSON_EXISTS', JSON_QUERY_OP: 'JSON_QUERY', JSON_VALUE_OP: 'JSON_VALUE' };
const VACUUM_OPTIONS: Record<string, number> = {
  index_cleanup: 12, truncate: 12, skip_locked: 12, parallel: 13, process_toast: 14, process_main: 16,
  skip_database_stats: 16, only_database_stats: 16, buffer_usage_limit: 16,
};
const COPY_OPTIONS: Record<string, number> = { default: 16, on_error: 17, log_verbosity: 17, reject_limit: 18 };
const PRIVILEGES: Record<string, number> = { set: 15, 'alter system': 15, maintain: 17 };

const defname = (b: Record<string, unknown>) => String(b.defname ?? '');

export const NODE_FEATURES: NodeFeature[] = [
  { kind: 'IndexStmt', since: 11, feature: 'INCLUDE columns in an index', when: (b) => Array.isArray(b.indexIncludingParams), phrase: ['include'] },
  { kind: 'Constraint', since: 12, feature: 'stored generated columns', when: (b) => b.contype === 'CONSTR_GENERATED' && b.generated_kind === 's', phrase: ['generated'] },
  { kind: 'Constraint', since: 18, feature: 'virtual generated columns', when: (b) => b.contype === 'CONSTR_GENERATED' && b.generated_kind !== 's', phrase: ['generated'] },
  { kind: 'DefElem', since: 12, feature: 'REINDEX CONCURRENTLY', when: (b) => defname(b) === 'concurrently', phrase: ['concurrently'] },
  { kind: 'CommonTableExpr', since: 12, feature: 'WITH ... AS [NOT] MATERIALIZED', when: (b) => b.ctematerialized === 'CTEMaterializeAlways' || b.ctematerialized === 'CTEMaterializeNever', phrase: ['materialized'] },
  { kind: 'CommonTableExpr', since: 14, feature: 'SEARCH and CYCLE clauses in recursive queries', when: (b) => b.search_clause !== undefined || b.cycle_clause !== undefined },
  { kind: 'SelectStmt', since: 13, feature: 'FETCH FIRST ... WITH TIES', when: (b) => b.limitOption === 'LIMIT_OPTION_WITH_TIES', phrase: ['ties'] },
  { kind: 'CreateTrigStmt', since: 14, feature: 'CREATE OR REPLACE TRIGGER', when: (b) => b.replace === true, phrase: ['replace'] },
  { kind: 'CreateFunctionStmt', since: 14, feature: 'SQL-standard function bodies (BEGIN ATOMIC / RETURN)', when: (b) => b.sql_body !== undefined, phrase: ['atomic'] },
  { kind: 'PartitionCmd', since: 14, feature: 'DETACH PARTITION ... CONCURRENTLY', when: (b) => b.concurrent === true, phrase: ['concurrently'] },
  { kind: 'ColumnDef', since: 14, feature: 'column COMPRESSION', when: (b) => typeof b.compression === 'string' && b.compression !== '', phrase: ['compression'] },
  { kind: 'AlterTableCmd', since: 14, feature: 'ALTER COLUMN ... SET COMPRESSION', when: (b) => b.subtype === 'AT_SetCompression', phrase: ['compression'] },
  { kind: 'MergeStmt', since: 15, feature: 'MERGE', phrase: ['merge'] },
  { kind: 'Constraint', since: 15, feature: 'NULLS NOT DISTINCT', when: (b) => b.nulls_not_distinct === true, phrase: ['nulls', 'not', 'distinct'] },
  { kind: 'IndexStmt', since: 15, feature: 'NULLS NOT DISTINCT', when: (b) => b.nulls_not_distinct === true, phrase: ['nulls', 'not', 'distinct'] },
  { kind: 'AlterTableCmd', since: 15, feature: 'ALTER TABLE ... SET ACCESS METHOD', when: (b) => b.subtype === 'AT_SetAccessMethod', phrase: ['access', 'method'] },
  { kind: 'JsonObjectConstructor', since: 16, feature: 'JSON_OBJECT()' },
  { kind: 'JsonArrayConstructor', since: 16, feature: 'JSON_ARRAY()' },
  { kind: 'JsonArrayQueryConstructor', since: 16, feature: 'JSON_ARRAY()' },
  { kind: 'JsonObjectAgg', since: 16, feature: 'JSON_OBJECTAGG()', phrase: ['json_objectagg'] },
  { kind: 'JsonArrayAgg', since: 16, feature: 'JSON_ARRAYAGG()', phrase: ['json_arrayagg'] },
  { kind: 'JsonIsPredicate', since: 16, feature: 'IS JSON', phrase: ['is', 'json'] },
  { kind: 'JsonFuncExpr', since: 17, feature: (b) => `${JSON_FUNC_NAMES[String(b.op)] ?? 'SQL/JSON query function'}()`, when: (b) => String(b.op) in JSON_FUNC_NAMES },
  { kind: 'JsonTable', since: 17, feature: 'JSON_TABLE' },
  { kind: 'JsonParseExpr', since: 17, feature: 'JSON()' },
  { kind: 'JsonScalarExpr', since: 17, feature: 'JSON_SCALAR()' },
  { kind: 'JsonSerializeExpr', since: 17, feature: 'JSON_SERIALIZE()' },
  { kind: 'MergeWhenClause', since: 17, feature: 'WHEN NOT MATCHED BY SOURCE', when: (b) => b.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE', phrase: ['source'] },
  { kind: 'AlterTableCmd', since: 17, feature: 'ALTER COLUMN ... SET EXPRESSION', when: (b) => b.subtype === 'AT_SetExpression', phrase: ['expression'] },
  { kind: 'AccessPriv', since: 15, feature: (b) => `the ${String(b.priv_name).toUpperCase()} privilege`, when: (b) => (PRIVILEGES[String(b.priv_name)] ?? 0) === 15 },
  { kind: 'AccessPriv', since: 17, feature: (b) => `the ${String(b.priv_name).toUpperCase()} privilege`, when: (b) => (PRIVILEGES[String(b.priv_name)] ?? 0) === 17 },
  { kind: 'Constraint', since: 18, feature: 'WITHOUT OVERLAPS', when: (b) => b.without_overlaps === true, phrase: ['overlaps'] },
  { kind: 'Constraint', since: 18, feature: 'PERIOD in a foreign key', when: (b) => b.fk_with_period === true || b.pk_with_period === true, phrase: ['period'] },
  { kind: 'Constraint', since: 18, feature: 'NOT ENFORCED constraints', when: (b) => (b.contype === 'CONSTR_CHECK' || b.contype === 'CONSTR_FOREIGN') && b.is_enforced !== true, phrase: ['enforced'] },
];

/** Built-in functions by the version that added them. */
export const FUNCTIONS: Record<string, number> = {
  gen_random_uuid: 13, unistr: 13, trim_array: 14, string_to_table: 14, date_bin: 14, bit_count: 14, range_agg: 14,
  regexp_count: 15, regexp_like: 15, regexp_instr: 15, regexp_substr: 15,
  any_value: 16, random_normal: 16, array_sample: 16, array_shuffle: 16, system_user: 16,
  uuidv7: 18, uuidv4: 18, casefold: 18,
};

const RETURNING_STATEMENTS = ['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt'] as const;
const STATEMENT_OPTIONS = [['VacuumStmt', VACUUM_OPTIONS], ['CopyStmt', COPY_OPTIONS]] as const;

/** Features of one statement that are not visible as a node kind alone. */
/** A number that starts a token (not the digits inside a name like t_1_2) with an underscore or a radix prefix. */
const NEW_NUMBER_SYNTAX = /(?:^|[^\w$\u0080-\uffff])(?:\.?[0-9][0-9_.]*_|0[xXoObB])/;

export function statementFeatures(stmt: ParsedStatement): FeatureUse[] {
  const out: FeatureUse[] = [];
  const ast = stmt.ast;
  // RETURNING WITH (OLD AS o, NEW AS n), and MERGE ... RETURNING.
  for (const kind of RETURNING_STATEMENTS) {
    const body = as(ast, kind) as { returningClause?: { options?: unknown[]; exprs?: unknown[] } } | undefined;
    if (!body?.returningClause) continue;
    const at = keywordRange(stmt, 'returning') ?? rangeAtLocation(stmt, undefined);
    if (kind === 'MergeStmt') out.push({ since: 17, feature: 'MERGE ... RETURNING', range: at });
    if (body.returningClause.options?.length) out.push({ since: 18, feature: 'RETURNING WITH (OLD/NEW AS ...)', range: at });
  }
  const alter = as(ast, 'AlterTableStmt');
  for (const c of alter?.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    if (cmd?.subtype === 'AT_AddConstraint' && as(cmd.def, 'Constraint')?.contype === 'CONSTR_NOTNULL') {
      out.push({ since: 18, feature: 'ADD CONSTRAINT ... NOT NULL', range: keywordRange(stmt, 'constraint') ?? rangeAtLocation(stmt, undefined) });
    }
  }
  for (const [kind, table] of STATEMENT_OPTIONS) {
    const body = as(ast, kind) as { options?: unknown[] } | undefined;
    for (const o of (body?.options ?? []) as Parameters<typeof as>[0][]) {
      const name = as(o, 'DefElem')?.defname ?? '';
      if (table[name]) out.push({ since: table[name], feature: `${kind === 'VacuumStmt' ? 'VACUUM' : 'COPY'} option ${name.toUpperCase()}`, range: rangeAtLocation(stmt, as(o, 'DefElem')?.location) });
    }
  }
  // Integer literals written 1_000, 0x1F, 0o17 or 0b101 (statements without such text are not scanned).
  if (!NEW_NUMBER_SYNTAX.test(stmt.text)) return out;
  for (const t of stmt.tokens) {
    if ((t.kind === 'ICONST' || t.kind === 'FCONST') && (/_/.test(t.text) || /^0[xXoObB]/.test(t.text))) {
      out.push({ since: 16, feature: /_/.test(t.text) ? 'underscores in numeric literals' : 'hexadecimal, octal and binary integer literals', range: { start: t.start, end: t.end } });
    }
  }
  return out;
}

export function featureName(f: NodeFeature, body: Record<string, unknown>): string {
  return typeof f.feature === 'string' ? f.feature : f.feature(body);
}

/** Consecutive keyword tokens spelling `words`, from file offset `from` on. */
export function phraseRange(stmt: ParsedStatement, words: string[], from = stmt.start): Range | undefined {
  const toks = stmt.tokens;
  for (let i = 0; i + words.length <= toks.length; i++) {
    if (toks[i].start < from) continue;
    if (words.every((w, k) => toks[i + k].text.toLowerCase() === w)) return { start: toks[i].start, end: toks[i + words.length - 1].end };
  }
  return undefined;
}

export function functionName(body: Record<string, unknown>): { name: string; schema?: string } | undefined {
  const parts = names(body.funcname as Parameters<typeof names>[0]);
  if (parts.length === 0) return undefined;
  return { name: parts[parts.length - 1].toLowerCase(), schema: parts.length > 1 ? parts[parts.length - 2] : undefined };
}
