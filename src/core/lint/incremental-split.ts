// Re-splitting a 2,000-line file on every keystroke costs more than the rest of a lint run, so
// the last split of each section is kept and, after an edit, only the statements around the edit
// are scanned again. Correctness rests on two facts about PostgreSQL's scanner: text before the
// edit scans the same, and after a top-level `;` the scanner is back in its initial state, so
// once the new text reaches an old statement boundary in the unchanged tail, the rest is the
// old result shifted. Anything doubtful (scan errors, psql lines) falls back to a full split.
import { splitStatements, SplitResult, SqlStatement } from '../sql/split';

interface Remembered {
  /** The whole file text, and the section's range in it. */
  text: string;
  from: number;
  to: number;
  result: SplitResult;
}

// Every section of a large project: with fewer, a project of more than half as many migrations
// re-splits every file on every keystroke (the oldest are dropped first, and each lint visits all).
const MAX_SECTIONS = 8192;
const remembered = new Map<string, Remembered>();

/**
 * Splits `source.slice(from, to)` like splitStatements (offsets into `source`), reusing the last
 * split remembered under `key` (a file and section).
 */
export function splitIncrementally(key: string, source: string, from: number, to: number): SplitResult {
  const prev = remembered.get(key);
  let result: SplitResult;
  if (prev && prev.text === source && prev.from === from && prev.to === to) result = prev.result;
  else result = (prev && resplit(prev, source, from, to)) || splitStatements(source, from, to);
  remembered.delete(key);
  remembered.set(key, { text: source, from, to, result });
  if (remembered.size > MAX_SECTIONS) {
    const oldest = remembered.keys().next().value;
    if (oldest !== undefined) remembered.delete(oldest);
  }
  return result;
}

export function forgetSplits(): void {
  remembered.clear();
}

function resplit(prev: Remembered, text: string, from: number, to: number): SplitResult | undefined {
  if (prev.result.scanError) return undefined;
  const old = prev.text;
  const delta = text.length - old.length;
  // Only edits inside the section, with the section's end moving by the same amount, qualify.
  if (from !== prev.from || to !== prev.to + delta) return undefined;
  const prefix = commonPrefix(old, text, from);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  if (prefix < from || old.length - suffix > prev.to) return undefined;
  const oldChangeEnd = old.length - suffix;
  const stmts = prev.result.statements;

  // Statements whose terminating `;` lies before the first changed character are unchanged.
  let keep = 0;
  while (keep < stmts.length && hasSemicolon(stmts[keep]) && stmts[keep].endWithSemicolon <= prefix) keep++;
  const restart = keep > 0 ? stmts[keep - 1].endWithSemicolon : from;
  // A psql line is recognised by its line start; a window starting mid-line could misread one.
  const firstLineEnd = text.indexOf('\n', restart);
  if (keep > 0 && text.slice(restart, firstLineEnd === -1 ? to : Math.min(firstLineEnd, to)).includes('\\')) return undefined;

  // The first old boundary wholly inside the unchanged tail is where the scans may meet again.
  for (let j = keep; j < stmts.length && j < keep + 8; j++) {
    const s = stmts[j];
    if (!hasSemicolon(s) || s.endWithSemicolon - 1 < oldChangeEnd) continue;
    const cut = s.endWithSemicolon + delta;
    const window = splitStatements(text, restart, cut);
    const last = window.statements[window.statements.length - 1];
    if (window.scanError || !last || last.endWithSemicolon !== cut || !hasSemicolon(last)) continue;
    const firstTailIndex = keep + window.statements.length;
    const tail = stmts.slice(j + 1).map((t, k) => shiftStatement(t, delta, firstTailIndex + k));
    return renumber({
      statements: [...stmts.slice(0, keep), ...window.statements, ...tail],
      trailingComments: prev.result.trailingComments.map((c) => ({ start: c.start + delta, end: c.end + delta, text: c.text })),
    });
  }
  const rest = splitStatements(text, restart, to);
  if (rest.scanError) return undefined;
  return renumber({ statements: [...stmts.slice(0, keep), ...rest.statements], trailingComments: rest.trailingComments });
}

function hasSemicolon(s: SqlStatement): boolean {
  return s.kind === 'sql' && s.endWithSemicolon > s.end;
}

function commonPrefix(a: string, b: string, known = 0): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  // Cheap check first: most edits leave the text before the section alone.
  if (known > 0 && known <= n && a.slice(0, known) === b.slice(0, known)) i = known;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * Statements whose tokens are not shifted yet: where to take them from (a statement holding its
 * tokens) and how far to move them. Shifting such a statement again starts from that source, so a
 * statement never keeps the statements of all earlier edits alive through its lazy tokens.
 */
const unshiftedTokens = new WeakMap<SqlStatement, { source: SqlStatement; by: number }>();

/** The statement moved by `by` characters; its tokens are shifted on first use only. */
export function shiftStatement(s: SqlStatement, by: number, index = s.index): SqlStatement {
  if (by === 0 && index === s.index) return s;
  const shifted: SqlStatement = {
    index,
    kind: s.kind,
    text: s.text,
    start: s.start + by,
    end: s.end + by,
    endWithSemicolon: s.endWithSemicolon + by,
    tokens: [],
    comments: s.comments.map((c) => ({ start: c.start + by, end: c.end + by, text: c.text })),
  };
  const pending = unshiftedTokens.get(s);
  const source = pending?.source ?? s;
  const total = (pending?.by ?? 0) + by;
  unshiftedTokens.set(shifted, { source, by: total });
  Object.defineProperty(shifted, 'tokens', {
    enumerable: true,
    configurable: true,
    get: () => {
      const tokens = source.tokens.map((t) => ({ start: t.start + total, end: t.end + total, text: t.text, kind: t.kind, keyword: t.keyword }));
      // A plain property from now on, which lets go of the source statement.
      Object.defineProperty(shifted, 'tokens', { value: tokens, enumerable: true, writable: true, configurable: true });
      unshiftedTokens.delete(shifted);
      return tokens;
    },
  });
  return shifted;
}

/** Window statements come numbered from 0; they are fresh objects, so they are renumbered in place. */
function renumber(result: SplitResult): SplitResult {
  result.statements.forEach((s, i) => {
    s.index = i;
  });
  return result;
}
