// Every rule, sorted by file name. Adding a rule: one import and one entry, in order.
import type { Rule } from '../types';
import { psqlMetaCommand } from './psql-meta-command';
import { syntaxError } from './syntax-error';

export const ALL_RULES: Rule[] = [
  psqlMetaCommand,
  syntaxError,
];
