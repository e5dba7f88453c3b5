// Files -> statements -> ASTs. Each section is split on PostgreSQL's own scanner first, then
// parsed statement by statement, so a syntax error stays on its statement and the others parse.
import { makeByteToCharMapper, isAscii } from '../sql/parser';
import type { Node } from '@pgsql/types';
import type { SqlComment, SqlStatement, SqlToken } from '../sql/split';
import type { Migration, MigrationSet, Section } from '../migrations/types';
import { parseStatementCached } from './parse-cache';
import { splitIncrementally } from './incremental-split';
import { applyOverrides, TextOverrides } from './overrides';
import type { ParsedMigration, ParsedSection, ParsedStatement, SyntaxErrorInfo } from './types';
import { DEFAULT_LINT_LIMITS, fileLimitHit, LimitHit, LintLimits, nestingEstimate, statementLimitHit } from './lint-limits';

export interface ParsedSet {
  /** The set as linted: overrides applied. */
  set: MigrationSet;
  migrations: ParsedMigration[];
  /** Every comment of every section, per absolute file path (disable comments live here). */
  comments: Map<string, SqlComment[]>;
}

/** Parses every migration of a set; the parser must be loaded (`await ensureParser()`). */
export function parseMigrationSet(set: MigrationSet, overrides?: TextOverrides, limits: LintLimits = DEFAULT_LINT_LIMITS): ParsedSet {
  const effective = applyOverrides(set, overrides);
  const comments = new Map<string, SqlComment[]>();
  const migrations = effective.migrations.map((migration, index) => parseMigration(migration, index, comments, limits));
  return { set: effective, migrations, comments };
}

export function parseMigration(migration: Migration, index: number, comments = new Map<string, SqlComment[]>(), limits: LintLimits = DEFAULT_LINT_LIMITS): ParsedMigration {
  return {
    migration,
    index,
    up: parseSection(migration.up, comments, limits),
    down: migration.down ? parseSection(migration.down, comments, limits) : undefined,
  };
}

export function parseSection(section: Section, comments = new Map<string, SqlComment[]>(), limits: LintLimits = DEFAULT_LINT_LIMITS): ParsedSection {
  const tooLarge = fileLimitHit(section.fileText, limits);
  if (tooLarge) return { section, statements: [], limitHit: tooLarge };
  const split = splitIncrementally(`${section.file}\u0000${section.direction}`, section.fileText, section.start, section.end);
  const statements = split.statements;
  const fileComments = comments.get(section.file) ?? [];
  for (const s of statements) for (const c of s.comments) fileComments.push(c);
  for (const c of split.trailingComments) fileComments.push(c);
  comments.set(section.file, fileComments);
  return { section, statements: statements.map((stmt) => parseStatementWithin(stmt, limits)) };
}

// Statements the incremental split kept unchanged are the same objects: so are their parses.
const parsedByStatement = new WeakMap<SqlStatement, ParsedStatement>();

export function parseStatement(stmt: SqlStatement): ParsedStatement {
  return parseStatementWithin(stmt, DEFAULT_LINT_LIMITS);
}

export function parseStatementWithin(stmt: SqlStatement, limits: LintLimits): ParsedStatement {
  let parsed = parsedByStatement.get(stmt);
  if (!parsed) {
    parsed = parseStatementUncached(stmt, limits);
    parsedByStatement.set(stmt, parsed);
  }
  return parsed;
}

function parseStatementUncached(stmt: SqlStatement, limits: LintLimits): ParsedStatement {
  if (stmt.kind === 'meta') return new ParsedSqlStatement(stmt, undefined, undefined);
  const hit = statementLimitHit(stmt.text, () => stmt.tokens, limits);
  if (hit) return new ParsedSqlStatement(stmt, undefined, undefined, hit);
  const result = parseStatementCached(stmt.text);
  if (!result.ok) {
    // The grammar's own stack ("memory exhausted") or the parser's call stack ran out: a limit
    // the statement hit, not a mistake in it.
    if (result.exhausted) return new ParsedSqlStatement(stmt, undefined, undefined, { limit: 'nesting-depth', actual: nestingEstimate(stmt.tokens), max: limits.maxNestingDepth });
    return new ParsedSqlStatement(stmt, undefined, { message: result.message, offset: stmt.start + (result.position ?? 0) });
  }
  return new ParsedSqlStatement(stmt, result.stmts?.[0]?.stmt, undefined);
}

/**
 * A split statement with its parse. Every statement is one of these, so that they all have one
 * shape: rules read their fields millions of times in a run.
 */
class ParsedSqlStatement implements ParsedStatement {
  index: number;
  kind: SqlStatement['kind'];
  text: string;
  start: number;
  end: number;
  endWithSemicolon: number;
  comments: SqlComment[];
  /** UTF-8 byte offset in the statement -> character offset, made on first use. */
  private toChar: ((byteOffset: number) => number) | undefined = undefined;

  constructor(
    private readonly split: SqlStatement,
    readonly ast: Node | undefined,
    readonly syntaxError: SyntaxErrorInfo | undefined,
    readonly limitHit: LimitHit | undefined = undefined,
  ) {
    this.index = split.index;
    this.kind = split.kind;
    this.text = split.text;
    this.start = split.start;
    this.end = split.end;
    this.endWithSemicolon = split.endWithSemicolon;
    this.comments = split.comments;
  }

  /** Read through to the split statement, whose token list may be computed on first use (see shiftStatement). */
  get tokens(): SqlToken[] {
    return this.split.tokens;
  }

  fileOffset(location: number | undefined): number {
    if (location === undefined || location < 0) return this.start;
    if (!this.toChar) {
      const text = this.text;
      this.toChar = isAscii(text) ? (b) => Math.min(b, text.length) : makeByteToCharMapper(text);
    }
    return this.start + this.toChar(location);
  }
}

export interface SectionStatement {
  stmt: ParsedStatement;
  section: ParsedSection;
}

const bothSections = new WeakMap<ParsedMigration, readonly SectionStatement[]>();

/** Every statement of a migration, UP then DOWN, with its section; listed once, however many rules ask. */
export function statementsOf(m: ParsedMigration): readonly SectionStatement[] {
  let list = bothSections.get(m);
  if (!list) {
    const up = m.up.statements.map((stmt) => ({ stmt, section: m.up }));
    list = m.down ? [...up, ...m.down.statements.map((stmt) => ({ stmt, section: m.down! }))] : up;
    bothSections.set(m, list);
  }
  return list;
}
