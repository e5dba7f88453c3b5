// Cheap, token-based facts about a statement that the runner needs before (or without) a full
// parse: is it transaction control, and can it run inside a transaction block at all?
import type { SqlStatement } from './split';

export type TransactionControl = 'begin' | 'commit' | 'rollback' | 'savepoint' | 'prepare';

function leadingWords(stmt: SqlStatement, count: number): string[] {
  return stmt.tokens.slice(0, count).map((t) => t.text.toLowerCase());
}

export function transactionControl(stmt: SqlStatement): TransactionControl | undefined {
  if (stmt.kind !== 'sql') return undefined;
  const [first, second] = leadingWords(stmt, 2);
  switch (first) {
    case 'begin':
      return 'begin';
    case 'start':
      return second === 'transaction' ? 'begin' : undefined;
    case 'commit':
      return second === 'prepared' ? 'prepare' : 'commit';
    case 'end':
      return 'commit';
    case 'rollback':
      if (second === 'prepared') return 'prepare';
      return stmt.tokens.some((t) => t.keyword === 'to') ? 'savepoint' : 'rollback';
    case 'abort':
      return 'rollback';
    case 'savepoint':
    case 'release':
      return 'savepoint';
    case 'prepare':
      return second === 'transaction' ? 'prepare' : undefined;
    default:
      return undefined;
  }
}

/**
 * Statements PostgreSQL refuses inside a transaction block (SQLSTATE 25001): CREATE/DROP/REINDEX
 * ... CONCURRENTLY, VACUUM, ALTER SYSTEM, CREATE/DROP DATABASE and TABLESPACE.
 * Returns a short description of why, or undefined when the statement may run in a transaction.
 */
export function nonTransactionalReason(stmt: SqlStatement): string | undefined {
  if (stmt.kind !== 'sql' || stmt.tokens.length === 0) return undefined;
  const [first, second] = leadingWords(stmt, 2);
  const hasConcurrently = stmt.tokens.some((t) => t.keyword === 'concurrently');
  if (hasConcurrently && (first === 'create' || first === 'drop' || first === 'reindex')) {
    return `${first.toUpperCase()} ... CONCURRENTLY`;
  }
  if (hasConcurrently && first === 'alter' && stmt.tokens.some((t) => t.keyword === 'detach')) {
    return 'ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY';
  }
  if (first === 'vacuum') return 'VACUUM';
  if (first === 'alter' && second === 'system') return 'ALTER SYSTEM';
  if ((first === 'create' || first === 'drop') && (second === 'database' || second === 'tablespace')) {
    return `${first.toUpperCase()} ${second.toUpperCase()}`;
  }
  return undefined;
}
