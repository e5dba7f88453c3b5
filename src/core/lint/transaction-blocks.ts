// Which statements of a section run inside a transaction block, mirroring the runner
// (runner/section-plan.ts): explicit BEGIN ... COMMIT blocks run as written; a section without
// them runs in one transaction the runner opens, unless it asks not to (dbmate transaction:false)
// or holds a statement PostgreSQL refuses inside one (CONCURRENTLY, VACUUM, ...), in which case
// every statement runs on its own — except under dbmate's markers, which dbmate always wraps. Also: where to move a statement that must leave its block.
import { nonTransactionalReason, transactionControl } from '../sql/classify';
import { walkTransactions } from './transactions';
import type { ParsedSection, ParsedStatement, TextEdit } from './types';

/** The transaction a statement runs in: the BEGIN that opened it, or the runner's own. */
export type TransactionBlock = ParsedStatement | 'runner';

const cache = new WeakMap<ParsedSection, Map<ParsedStatement, TransactionBlock | undefined>>();

/** True when `stmt` runs inside a transaction block (BEGIN/COMMIT themselves count as outside). */
export function runsInTransaction(section: ParsedSection, stmt: ParsedStatement): boolean {
  return transactionBlockOf(section, stmt) !== undefined;
}

/** Which transaction `stmt` runs in, or undefined when it runs on its own. */
export function transactionBlockOf(section: ParsedSection, stmt: ParsedStatement): TransactionBlock | undefined {
  let blocks = cache.get(section);
  if (!blocks) {
    blocks = blocksOf(section);
    cache.set(section, blocks);
  }
  return blocks.get(stmt);
}

/** True when the section opens its own transactions with BEGIN / START TRANSACTION. */
export function hasExplicitTransactions(section: ParsedSection): boolean {
  return walkTransactions(section).explicit;
}

function blocksOf(section: ParsedSection): Map<ParsedStatement, TransactionBlock | undefined> {
  const out = new Map<ParsedStatement, TransactionBlock | undefined>();
  const walk = walkTransactions(section);
  if (!walk.explicit) {
    // dbmate wraps every file it runs, CONCURRENTLY or not, unless the marker says transaction:false.
    const wrapped = !section.section.noTransaction
      && (dbmateMarkerEnd(section) !== undefined || !section.statements.some((s) => nonTransactionalReason(s) !== undefined));
    for (const s of section.statements) out.set(s, wrapped ? 'runner' : undefined);
    return out;
  }
  for (const step of walk.steps) out.set(step.stmt, step.control === undefined ? step.openBegin : undefined);
  return out;
}

/**
 * Edits that replace `stmt` with `newText` (no semicolon) where it can run outside a transaction
 * block: in place when it already runs outside one, or when the section has no explicit blocks
 * (the runner then runs every statement on its own; a dbmate marker gets transaction:false);
 * otherwise moved after the COMMIT that closes
 * its block — after any statements that already follow that COMMIT, so repeated fixes keep their
 * order. Undefined when the block never closes.
 */
export function moveOutOfTransaction(section: ParsedSection, stmt: ParsedStatement, newText: string): TextEdit[] | undefined {
  const file = section.section.file;
  const inPlace = { file, start: stmt.start, end: stmt.end, newText };
  if (!runsInTransaction(section, stmt)) return [inPlace];
  if (!hasExplicitTransactions(section)) {
    const marker = dbmateMarkerEnd(section);
    return marker === undefined ? [inPlace] : [{ file, start: marker, end: marker, newText: ' transaction:false' }, inPlace];
  }
  const at = afterBlockOffset(section, stmt);
  if (at === undefined) return undefined;
  return [removeStatement(section, stmt), { file, start: at, end: at, newText: `\n${newText};` }];
}

/** End of a dbmate `-- migrate:up` / `-- migrate:down` marker line, when the section has one. */
function dbmateMarkerEnd(section: ParsedSection): number | undefined {
  const { fileText, markerLine } = section.section;
  if (markerLine === undefined) return undefined;
  let start = 0;
  for (let line = 1; line < markerLine && start >= 0; line++) start = fileText.indexOf('\n', start) + 1;
  const nl = fileText.indexOf('\n', start);
  const end = nl === -1 ? fileText.length : nl;
  return /^\s*--\s*migrate:(up|down)\b/.test(fileText.slice(start, end)) ? end - (fileText[end - 1] === '\r' ? 1 : 0) : undefined;
}

/** Where a statement goes to run after the transaction block holding `stmt` commits. */
export function afterBlockOffset(section: ParsedSection, stmt: ParsedStatement): number | undefined {
  const list = section.statements;
  let i = list.indexOf(stmt);
  while (i < list.length && transactionControl(list[i]) !== 'commit') i++;
  if (i >= list.length) return undefined;
  let last = list[i];
  for (let j = i + 1; j < list.length && transactionControl(list[j]) !== 'begin'; j++) last = list[j];
  return last.endWithSemicolon;
}

/** Deletes a statement with its semicolon, and its line when nothing else is on it. */
export function removeStatement(section: ParsedSection, stmt: ParsedStatement): TextEdit {
  const text = section.section.fileText;
  let start = stmt.start;
  let end = stmt.endWithSemicolon;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndRaw = text.indexOf('\n', end);
  const lineEnd = lineEndRaw === -1 ? text.length : lineEndRaw;
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
    start = lineStart;
    end = lineEndRaw === -1 ? lineEnd : lineEnd + 1;
  }
  return { file: section.section.file, start, end, newText: '' };
}

/** The statement's text with `insert` placed at file offset `at` (which lies inside it). */
export function statementTextWith(stmt: ParsedStatement, ...inserts: { at: number; text: string }[]): string {
  let out = stmt.text;
  for (const ins of [...inserts].sort((a, b) => b.at - a.at)) {
    const k = ins.at - stmt.start;
    out = out.slice(0, k) + ins.text + out.slice(k);
  }
  return out;
}
