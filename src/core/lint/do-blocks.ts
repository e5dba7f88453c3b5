// The statements a DO block runs under a guard that skips them when their object exists:
//   DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT c ...; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
//   DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'c') THEN ALTER TABLE ...; END IF; END $$;
// PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS, so migrations write these instead. The body is
// PL/pgSQL, which the SQL grammar does not parse; its ALTER TABLE statements are plain SQL, so
// each is cut out of the body and parsed on its own, at its own offsets in the file.
import { as, names } from './ast';
import { parseStatement } from './parse-set';
import { memoByStatement } from './statement-memo';
import { splitStatements, statementTokens } from '../sql/split';
import type { ParsedStatement } from './types';

export interface GuardedBlock {
  /** ALTER TABLE statements of the body, parsed, at file offsets. */
  statements: ParsedStatement[];
  /**
   * 'exception': a handler for duplicate_object, duplicate_table or others, so a duplicate rolls
   * back the whole block; 'if-not-exists': each statement sits behind an IF NOT EXISTS test.
   */
  guard: 'exception' | 'if-not-exists';
}

const EXCEPTION_GUARD = /\bexception\s+when\s+(?:[a-z_]+\s+or\s+)*(?:duplicate_object|duplicate_table|others)\b/i;

/** The guarded ALTER TABLE statements of a DO block, or undefined for any other statement. */
export function guardedBlock(stmt: ParsedStatement): GuardedBlock | undefined {
  return memoByStatement('guarded do block', stmt, computeGuardedBlock);
}

function computeGuardedBlock(stmt: ParsedStatement): GuardedBlock | undefined {
  const doStmt = as(stmt.ast, 'DoStmt');
  if (!doStmt) return undefined;
  const options = new Map((doStmt.args ?? []).map((a) => as(a, 'DefElem')).filter((d) => d?.defname).map((d) => [d!.defname!, d!.arg]));
  const language = as(options.get('language'), 'String')?.sval?.toLowerCase() ?? 'plpgsql';
  const body = as(options.get('as'), 'String')?.sval ?? names(as(options.get('as'), 'List')?.items)[0];
  if (language !== 'plpgsql' || !body || !/\balter\s+table\b/i.test(body)) return undefined;
  const bodyStart = stmt.text.indexOf(body);
  if (bodyStart === -1) return undefined;
  const exceptionGuard = EXCEPTION_GUARD.test(body);
  const statements: ParsedStatement[] = [];
  let allBehindIf = true;
  const pieces = splitStatements(stmt.text, bodyStart, bodyStart + body.length);
  if (pieces.scanError) return undefined;
  for (const piece of pieces.statements) {
    const tokens = piece.tokens;
    const i = tokens.findIndex((t, k) => t.keyword === 'alter' && tokens[k + 1]?.keyword === 'table');
    if (i < 0) continue;
    allBehindIf &&= behindIfNotExists(tokens.slice(0, i).map((t) => t.keyword ?? t.text.toLowerCase()));
    const start = tokens[i].start;
    const text = stmt.text.slice(start, piece.end);
    const parsed = parseStatement({
      index: 0, kind: 'sql', text, start: stmt.start + start, end: stmt.start + piece.end, endWithSemicolon: stmt.start + piece.end,
      tokens: statementTokens(text, stmt.start + start), comments: [],
    });
    if (as(parsed.ast, 'AlterTableStmt')) statements.push(parsed);
  }
  if (statements.length === 0) return undefined;
  if (exceptionGuard) return { statements, guard: 'exception' };
  return allBehindIf ? { statements, guard: 'if-not-exists' } : undefined;
}

/** `... IF NOT EXISTS (...) THEN` right before the statement. */
function behindIfNotExists(words: string[]): boolean {
  const at = words.lastIndexOf('if');
  return at >= 0 && words[at + 1] === 'not' && words[at + 2] === 'exists' && words[words.length - 1] === 'then';
}
