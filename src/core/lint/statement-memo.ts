// Facts derived from one statement (the objects it creates, its column definitions, ...) kept
// with the parsed statement. The engine reuses a ParsedStatement across lint runs while its text
// and position are unchanged, so re-linting after an edit recomputes only the edited statements.
// Facts about the whole set (every column definition, a lookup table) are kept for one lint run,
// so that the rules of that run share them.
import type { ParsedMigration, ParsedStatement } from './types';

const memos = new WeakMap<ParsedStatement, Map<string, unknown>>();

/** `compute(stmt)` once per statement and `key` (use the rule or helper name as the key). */
export function memoByStatement<T>(key: string, stmt: ParsedStatement, compute: (stmt: ParsedStatement) => T): T {
  return memoIn(memos, stmt, key, compute);
}

const runMemos = new WeakMap<readonly ParsedMigration[], Map<string, unknown>>();

/**
 * `compute(migrations)` once per lint run and `key`. Every rule of a run sees the same
 * `ctx.migrations` array, and each run parses into a new one, so a fact never outlives its run:
 * it may hold the run's ParsedMigration objects (which statement memos must not).
 */
export function memoByRun<T>(key: string, migrations: readonly ParsedMigration[], compute: (migrations: readonly ParsedMigration[]) => T): T {
  return memoIn(runMemos, migrations, key, compute);
}

function memoIn<O extends object, T>(store: WeakMap<O, Map<string, unknown>>, owner: O, key: string, compute: (owner: O) => T): T {
  let forOwner = store.get(owner);
  if (!forOwner) {
    forOwner = new Map();
    store.set(owner, forOwner);
  }
  if (forOwner.has(key)) return forOwner.get(key) as T;
  const value = compute(owner);
  forOwner.set(key, value);
  return value;
}
