// Files -> statements -> ASTs. Each section is split on PostgreSQL's own scanner first, then
// parsed statement by statement, so a syntax error stays on its statement and the others parse.
import { makeByteToCharMapper, isAscii } from '../sql/parser';
import type { SqlComment, SqlStatement } from '../sql/split';
import type { Migration, MigrationSet, Section } from '../migrations/types';
import { parseStatementCached } from './parse-cache';
import { splitIncrementally } from './incremental-split';
import { applyOverrides, TextOverrides } from './overrides';
import type { ParsedMigration, ParsedSection, ParsedStatement } from './types';

export interface ParsedSet {
  /** The set as linted: overrides applied. */
  set: MigrationSet;
  migrations: ParsedMigration[];
  /** Every comment of every section, per absolute file path (disable comments live here). */
  comments: Map<string, SqlComment[]>;
}

/** Parses every migration of a set; the parser must be loaded (`await ensureParser()`). */
export function parseMigrationSet(set: MigrationSet, overrides?: TextOverrides): ParsedSet {
  const effective = applyOverrides(set, overrides);
  const comments = new Map<string, SqlComment[]>();
  const migrations = effective.migrations.map((migration, index) => parseMigration(migration, index, comments));
  return { set: effective, migrations, comments };
}

export function parseMigration(migration: Migration, index: number, comments = new Map<string, SqlComment[]>()): ParsedMigration {
  return {
    migration,
    index,
    up: parseSection(migration.up, comments),
    down: migration.down ? parseSection(migration.down, comments) : undefined,
  };
}

export function parseSection(section: Section, comments = new Map<string, SqlComment[]>()): ParsedSection {
  const split = splitIncrementally(`${section.file}\u0000${section.direction}`, section.fileText, section.start, section.end);
  const statements = split.statements;
  const fileComments = comments.get(section.file) ?? [];
  for (const s of statements) fileComments.push(...s.comments);
  fileComments.push(...split.trailingComments);
  comments.set(section.file, fileComments);
  return { section, statements: statements.map(parseStatement) };
}

// Statements the incremental split kept unchanged are the same objects: so are their parses.
const parsedByStatement = new WeakMap<SqlStatement, ParsedStatement>();

export function parseStatement(stmt: SqlStatement): ParsedStatement {
  let parsed = parsedByStatement.get(stmt);
  if (!parsed) {
    parsed = parseStatementUncached(stmt);
    parsedByStatement.set(stmt, parsed);
  }
  return parsed;
}

function parseStatementUncached(stmt: SqlStatement): ParsedStatement {
  let toChar: ((b: number) => number) | undefined;
  const fileOffset = (location: number | undefined): number => {
    if (location === undefined || location < 0) return stmt.start;
    if (!toChar) toChar = isAscii(stmt.text) ? (b) => Math.min(b, stmt.text.length) : makeByteToCharMapper(stmt.text);
    return stmt.start + toChar(location);
  };
  if (stmt.kind === 'meta') return withParse(stmt, { fileOffset });
  const result = parseStatementCached(stmt.text);
  if (!result.ok) {
    return withParse(stmt, { fileOffset, syntaxError: { message: result.message, offset: stmt.start + (result.position ?? 0) } });
  }
  return withParse(stmt, { fileOffset, ast: result.stmts?.[0]?.stmt });
}

/**
 * The statement's fields plus its parse. Tokens are read through to the statement, whose token
 * list may be computed on first use (see shiftStatement), so that a spread does not force it.
 */
function withParse(stmt: SqlStatement, parse: Pick<ParsedStatement, 'fileOffset' | 'ast' | 'syntaxError'>): ParsedStatement {
  const parsed: ParsedStatement = {
    index: stmt.index, kind: stmt.kind, text: stmt.text, start: stmt.start, end: stmt.end,
    endWithSemicolon: stmt.endWithSemicolon, tokens: [], comments: stmt.comments, ...parse,
  };
  const lazy = Object.getOwnPropertyDescriptor(stmt, 'tokens')?.get !== undefined;
  if (!lazy) parsed.tokens = stmt.tokens;
  else {
    // Computed on first read, then a plain property again (rules read tokens a lot).
    Object.defineProperty(parsed, 'tokens', {
      enumerable: true, configurable: true,
      get: () => {
        const tokens = stmt.tokens;
        Object.defineProperty(parsed, 'tokens', { value: tokens, enumerable: true, writable: true, configurable: true });
        return tokens;
      },
    });
  }
  return parsed;
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
