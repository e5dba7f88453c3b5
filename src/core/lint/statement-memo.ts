// Facts derived from one statement (the objects it creates, its column definitions, ...) kept
// with the parsed statement. The engine reuses a ParsedStatement across lint runs while its text
// and position are unchanged, so re-linting after an edit recomputes only the edited statements.
// Facts about the whole set (every column definition, a lookup table) are kept for one lint run,
// so that the rules of that run share them.
import type { ParsedMigration, ParsedStatement } from './types';

/**
 * Where an owner keeps its memos: a symbol-keyed field on the statement or AST object itself
 * (a WeakMap lookup per read cost more than the read, millions of times a run). Symbol keys are
 * invisible to Object.keys, for...in and JSON, so AST walks never see them.
 */
const STATEMENT_MEMOS = Symbol('statement memos');
const TEXT_MEMOS = Symbol('text memos');

/** `compute(stmt)` once per statement and `key` (use the rule or helper name as the key). */
export function memoByStatement<T>(key: string, stmt: ParsedStatement, compute: (stmt: ParsedStatement) => T): T {
  return memoized(fieldMemos(stmt, STATEMENT_MEMOS), key, compute, stmt);
}

/**
 * Like memoByStatement, for facts that follow from the statement's text alone and hold no file
 * offsets (its AST nodes, whether it is COMMIT, what it drops). They are kept with the AST, which
 * the parse cache shares between statements of the same text: a statement that only moved, after
 * an edit above it, keeps them. Statements without an AST keep them per statement.
 */
export function memoByText<T>(key: string, stmt: ParsedStatement, compute: (stmt: ParsedStatement) => T): T {
  return memoized(fieldMemos(stmt.ast ?? stmt, TEXT_MEMOS), key, compute, stmt);
}

const runMemos = new WeakMap<readonly ParsedMigration[], Map<string, unknown>>();

/**
 * `compute(migrations)` once per lint run and `key`. Every rule of a run sees the same
 * `ctx.migrations` array, and each run parses into a new one, so a fact never outlives its run:
 * it may hold the run's ParsedMigration objects (which statement memos must not).
 */
export function memoByRun<T>(key: string, migrations: readonly ParsedMigration[], compute: (migrations: readonly ParsedMigration[]) => T): T {
  return memoized(memosOf(runMemos, migrations), key, compute, migrations);
}

function fieldMemos(owner: object, field: symbol): Map<string, unknown> {
  const holder = owner as { [field: symbol]: Map<string, unknown> | undefined };
  let memos = holder[field];
  if (!memos) {
    memos = new Map();
    Object.defineProperty(owner, field, { value: memos, enumerable: false, writable: true, configurable: true });
  }
  return memos;
}

function memosOf<O extends object>(store: WeakMap<O, Map<string, unknown>>, owner: O): Map<string, unknown> {
  let memos = store.get(owner);
  if (!memos) {
    memos = new Map();
    store.set(owner, memos);
  }
  return memos;
}

function memoized<A, T>(memos: Map<string, unknown>, key: string, compute: (arg: A) => T, arg: A): T {
  const hit = memos.get(key);
  if (hit !== undefined || memos.has(key)) return hit as T;
  const value = compute(arg);
  memos.set(key, value);
  return value;
}
