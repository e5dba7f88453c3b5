// What the linter refuses to parse, so that memory stays bounded and the WebAssembly parser
// never overflows its stack: a statement's syntax tree costs about 85 bytes of memory per byte
// of SQL, and an expression nested some thousands deep overflows the parser's stack (after
// which the parser module is broken for every later statement). Such a file or statement is not
// skipped silently: the lint-limit rule reports it as an error, naming the limit.
import type { SqlToken } from '../sql/split';

export interface LintLimits {
  /** A file larger than this is not split or parsed at all. */
  maxFileBytes: number;
  /** A statement larger than this is not parsed. */
  maxStatementBytes: number;
  /** A statement whose expressions nest deeper than this (estimated from tokens) is not parsed. */
  maxNestingDepth: number;
}

export type LimitHit =
  | { limit: 'file-size'; actual: number; max: number }
  | { limit: 'statement-size'; actual: number; max: number }
  | { limit: 'nesting-depth'; actual: number; max: number };

const MB = 1024 * 1024;

export const DEFAULT_LINT_LIMITS: Readonly<LintLimits> = Object.freeze({
  maxFileBytes: 2 * MB,
  maxStatementBytes: 1 * MB,
  maxNestingDepth: 2000,
});

/** The lint-limit rule's options ("maxFileMegabytes", "maxStatementMegabytes", "maxNestingDepth") over the defaults. */
export function limitsFromOptions(options: Record<string, unknown>): LintLimits {
  const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  const mb = (v: unknown) => { const n = positive(v); return n === undefined ? undefined : Math.round(n * MB); };
  return {
    maxFileBytes: mb(options.maxFileMegabytes) ?? DEFAULT_LINT_LIMITS.maxFileBytes,
    maxStatementBytes: mb(options.maxStatementMegabytes) ?? DEFAULT_LINT_LIMITS.maxStatementBytes,
    maxNestingDepth: positive(options.maxNestingDepth) ?? DEFAULT_LINT_LIMITS.maxNestingDepth,
  };
}

export function fileLimitHit(fileText: string, limits: LintLimits): LimitHit | undefined {
  // Characters are at most 3 bytes each (4 for a surrogate pair, which is 2 characters).
  if (fileText.length * 3 <= limits.maxFileBytes) return undefined;
  const bytes = Buffer.byteLength(fileText);
  return bytes > limits.maxFileBytes ? { limit: 'file-size', actual: bytes, max: limits.maxFileBytes } : undefined;
}

export function statementLimitHit(text: string, tokens: SqlToken[] | (() => SqlToken[]), limits: LintLimits): LimitHit | undefined {
  if (text.length * 3 > limits.maxStatementBytes) {
    const bytes = Buffer.byteLength(text);
    if (bytes > limits.maxStatementBytes) return { limit: 'statement-size', actual: bytes, max: limits.maxStatementBytes };
  }
  // Every bracket or operator token holds one of these characters at least: a statement with
  // fewer of them than the limit nests less deep, whatever its tokens, which need not be built.
  if (nestingCharacters(text, limits.maxNestingDepth) <= limits.maxNestingDepth) return undefined;
  const depth = nestingEstimate(typeof tokens === 'function' ? tokens() : tokens);
  return depth > limits.maxNestingDepth ? { limit: 'nesting-depth', actual: depth, max: limits.maxNestingDepth } : undefined;
}

const NESTING_CHARACTERS = new Set([...'([+-*/%^<>=:~!@#&|?`'].map((c) => c.charCodeAt(0)));

/** How many bracket and operator characters `text` holds, counting up to just past `max`. */
function nestingCharacters(text: string, max: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= max; i++) if (NESTING_CHARACTERS.has(text.charCodeAt(i))) n++;
  return n;
}

const OPENERS = new Set(['(', '[']);
const CLOSERS = new Set([')', ']']);
const SEPARATORS = new Set([',', ';']);
// Binary operators nest left to right: `1 + 1 + 1 ...` is as deep as it is long. AND and OR are
// not counted: PostgreSQL flattens their chains into one node.
const OPERATOR_TEXT = new Set(['+', '-', '*', '/', '%', '^', '<', '>', '=', '::']);
const OPERATOR_KINDS = new Set(['Op', 'TYPECAST', 'LESS_EQUALS', 'GREATER_EQUALS', 'NOT_EQUALS']);

/**
 * An upper estimate of how deep the statement's syntax tree nests: brackets open, plus the
 * binary operators chained at each open level.
 */
export function nestingEstimate(tokens: SqlToken[]): number {
  const chains: number[] = [0];
  let chained = 0; // sum of chains
  let deepest = 0;
  for (const t of tokens) {
    if (OPENERS.has(t.text)) {
      chains.push(0);
    } else if (CLOSERS.has(t.text)) {
      if (chains.length > 1) chained -= chains.pop()!;
    } else if (SEPARATORS.has(t.text)) {
      chained -= chains[chains.length - 1];
      chains[chains.length - 1] = 0;
    } else if (OPERATOR_KINDS.has(t.kind) || OPERATOR_TEXT.has(t.text)) {
      chains[chains.length - 1]++;
      chained++;
    }
    const depth = chains.length - 1 + chained;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

export function describeBytes(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
