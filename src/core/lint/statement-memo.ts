// Facts derived from one statement (the objects it creates, its column definitions, ...) kept
// with the parsed statement. The engine reuses a ParsedStatement across lint runs while its text
// and position are unchanged, so re-linting after an edit recomputes only the edited statements.
import type { ParsedStatement } from './types';

const memos = new WeakMap<ParsedStatement, Map<string, unknown>>();

/** `compute(stmt)` once per statement and `key` (use the rule or helper name as the key). */
export function memoByStatement<T>(key: string, stmt: ParsedStatement, compute: (stmt: ParsedStatement) => T): T {
  let forStmt = memos.get(stmt);
  if (!forStmt) {
    forStmt = new Map();
    memos.set(stmt, forStmt);
  }
  if (forStmt.has(key)) return forStmt.get(key) as T;
  const value = compute(stmt);
  forStmt.set(key, value);
  return value;
}
