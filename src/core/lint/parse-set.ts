// Files -> statements -> ASTs. Each section is split on PostgreSQL's own scanner first, then
// parsed statement by statement, so a syntax error stays on its statement and the others parse.
import { makeByteToCharMapper, isAscii } from '../sql/parser';
import { splitStatements, SqlComment, SqlStatement } from '../sql/split';
import type { Migration, MigrationSet, Section } from '../migrations/types';
import { parseStatementCached } from './parse-cache';
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
  const split = splitStatements(section.fileText, section.start, section.end);
  const fileComments = comments.get(section.file) ?? [];
  for (const s of split.statements) fileComments.push(...s.comments);
  fileComments.push(...split.trailingComments);
  comments.set(section.file, fileComments);
  return { section, statements: split.statements.map(parseStatement) };
}

export function parseStatement(stmt: SqlStatement): ParsedStatement {
  let toChar: ((b: number) => number) | undefined;
  const fileOffset = (location: number | undefined): number => {
    if (location === undefined || location < 0) return stmt.start;
    if (!toChar) toChar = isAscii(stmt.text) ? (b) => Math.min(b, stmt.text.length) : makeByteToCharMapper(stmt.text);
    return stmt.start + toChar(location);
  };
  if (stmt.kind === 'meta') return { ...stmt, fileOffset };
  const result = parseStatementCached(stmt.text);
  if (!result.ok) {
    return { ...stmt, fileOffset, syntaxError: { message: result.message, offset: stmt.start + (result.position ?? 0) } };
  }
  return { ...stmt, ast: result.stmts?.[0]?.stmt, fileOffset };
}

/** Every statement of a migration, UP then DOWN, with its direction. */
export function* statementsOf(m: ParsedMigration): Generator<{ stmt: ParsedStatement; section: ParsedSection }> {
  for (const stmt of m.up.statements) yield { stmt, section: m.up };
  if (m.down) for (const stmt of m.down.statements) yield { stmt, section: m.down };
}
