// Cheap, token-based facts about a statement that the runner needs before (or without) a full
// parse: is it transaction control, and can it run inside a transaction block at all?
import type { SqlStatement } from './split';

export type TransactionControl = 'begin' | 'commit' | 'rollback' | 'savepoint' | 'prepare';

function leadingWords(stmt: SqlStatement, count: number): string[] {
  return stmt.tokens.slice(0, count).map((t) => t.text.toLowerCase());
}

const FIRST_WORD = /^[a-z_\u0080-\uffff][a-z0-9_$\u0080-\uffff]*/i;
const TRANSACTION_WORDS = new Set(['begin', 'start', 'commit', 'end', 'rollback', 'abort', 'savepoint', 'release', 'prepare']);
const NON_TRANSACTIONAL_WORDS = new Set(['create', 'drop', 'reindex', 'alter', 'vacuum']);
const NON_TRANSACTIONAL_KEYWORDS = /concurrently|system|database|tablespace/i;

/**
 * The statement's first token when it is a word, read from its text: the statement starts at its
 * first token, and most statements can be told apart without scanning them into tokens.
 */
function firstWord(stmt: SqlStatement): string | undefined {
  return FIRST_WORD.exec(stmt.text)?.[0].toLowerCase();
}

export function transactionControl(stmt: SqlStatement): TransactionControl | undefined {
  if (stmt.kind !== 'sql') return undefined;
  const word = firstWord(stmt);
  if (word === undefined || !TRANSACTION_WORDS.has(word)) return undefined;
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
  if (stmt.kind !== 'sql') return undefined;
  const word = firstWord(stmt);
  if (word === undefined || !NON_TRANSACTIONAL_WORDS.has(word)) return undefined;
  if (word !== 'vacuum' && !NON_TRANSACTIONAL_KEYWORDS.test(stmt.text)) return undefined;
  if (stmt.tokens.length === 0) return undefined;
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
