// Every rule, sorted by file name. Adding a rule: one import and one entry, in order.
import type { Rule } from '../types';
import { concurrentlyInTransaction } from './concurrently-in-transaction';
import { psqlMetaCommand } from './psql-meta-command';
import { syntaxError } from './syntax-error';
import { transactionNesting } from './transaction-nesting';
import { transactionUnbalanced } from './transaction-unbalanced';
import { uncommittedTransaction } from './uncommitted-transaction';

export const ALL_RULES: Rule[] = [
  concurrentlyInTransaction,
  psqlMetaCommand,
  syntaxError,
  transactionNesting,
  transactionUnbalanced,
  uncommittedTransaction,
];
