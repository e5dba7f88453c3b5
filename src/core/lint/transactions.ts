// Explicit transaction state through one section, statement by statement, as PostgreSQL would
// see it when the section runs as written: which BEGIN is open, and what each control does.
import { nonTransactionalReason, transactionControl, TransactionControl } from '../sql/classify';
import { memoByText } from './statement-memo';
import type { ParsedSection, ParsedStatement } from './types';

export interface TransactionStep {
  stmt: ParsedStatement;
  control?: TransactionControl;
  /** The BEGIN whose transaction is open when this statement runs (before its own effect). */
  openBegin?: ParsedStatement;
}

export interface TransactionWalk {
  steps: TransactionStep[];
  /** The BEGIN still open at the end of the section, if any. */
  openAtEnd?: ParsedStatement;
  /** Whether the section has any explicit BEGIN at all. */
  explicit: boolean;
}

const walks = new WeakMap<ParsedSection, TransactionWalk>();

/** The walk of a section, computed once per lint run however many rules ask. */
export function walkTransactions(section: ParsedSection): TransactionWalk {
  let walk = walks.get(section);
  if (!walk) {
    walk = computeWalk(section);
    walks.set(section, walk);
  }
  return walk;
}

/** transactionControl, remembered per statement. */
export function controlOf(stmt: ParsedStatement): TransactionControl | undefined {
  return memoByText('transactionControl', stmt, transactionControl);
}

/** nonTransactionalReason, remembered per statement. */
export function nonTransactionalReasonOf(stmt: ParsedStatement): string | undefined {
  return memoByText('nonTransactionalReason', stmt, nonTransactionalReason);
}

function computeWalk(section: ParsedSection): TransactionWalk {
  const steps: TransactionStep[] = [];
  let open: ParsedStatement | undefined;
  let explicit = false;
  for (const stmt of section.statements) {
    if (stmt.kind !== 'sql' || stmt.syntaxError) {
      steps.push({ stmt, openBegin: open });
      continue;
    }
    const control = controlOf(stmt);
    steps.push({ stmt, control, openBegin: open });
    if (control === 'begin') {
      explicit = true;
      // A second BEGIN only draws a warning from PostgreSQL; the first stays the open one.
      if (!open) open = stmt;
    } else if (control === 'commit' || control === 'rollback' || control === 'prepare') {
      open = undefined;
    }
  }
  return { steps, openAtEnd: open, explicit };
}

/** The first keyword token of a statement (BEGIN, COMMIT, START ...), for positions. */
export function leadingKeywordRange(stmt: ParsedStatement): { start: number; end: number } {
  const t = stmt.tokens[0];
  return t ? { start: t.start, end: t.end } : { start: stmt.start, end: stmt.end };
}
