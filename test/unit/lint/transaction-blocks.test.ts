import * as assert from 'node:assert/strict';
import { ensureParser } from '../../../src/core/sql/parser';
import { parseSection } from '../../../src/core/lint/parse-set';
import { moveOutOfTransaction, runsInTransaction } from '../../../src/core/lint/transaction-blocks';
import type { ParsedSection } from '../../../src/core/lint/types';

function section(text: string, extra: { noTransaction?: boolean; markerLine?: number } = {}): ParsedSection {
  return parseSection({ direction: 'up', file: 'x.sql', fileText: text, start: 0, end: text.length, ...extra });
}

/** 'T' for each statement that runs in a transaction, '-' for one that runs on its own. */
function shape(s: ParsedSection): string {
  return s.statements.map((st) => (runsInTransaction(s, st) ? 'T' : '-')).join('');
}

describe('transaction blocks', () => {
  before(() => ensureParser());

  const cases: { name: string; sql: string; noTransaction?: boolean; markerLine?: number; expected: string }[] = [
    { name: 'a file without BEGIN runs in the runner\'s transaction', sql: 'SELECT 1; SELECT 2;', expected: 'TT' },
    { name: 'a file with CONCURRENTLY runs statement by statement', sql: 'SELECT 1; CREATE INDEX CONCURRENTLY i ON t (a);', expected: '--' },
    { name: 'transaction:false runs statement by statement', sql: 'SELECT 1;', noTransaction: true, expected: '-' },
    { name: 'a dbmate file is wrapped even with CONCURRENTLY', sql: '-- migrate:up\nCREATE INDEX CONCURRENTLY i ON t (a);', markerLine: 1, expected: 'T' },
    { name: 'BEGIN ... COMMIT blocks run as written', sql: 'BEGIN; SELECT 1; COMMIT; SELECT 2; BEGIN; SELECT 3; ROLLBACK;', expected: '-T---T-' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(shape(section(c.sql, c)), c.expected);
    });
  }

  it('moves a statement after the COMMIT and after the statements already there, keeping their order', () => {
    const text = 'BEGIN;\nCREATE INDEX a ON t (a);\nCOMMIT;\nCREATE INDEX CONCURRENTLY b ON t (b);\n';
    const s = section(text);
    const edits = moveOutOfTransaction(s, s.statements[1], 'CREATE INDEX CONCURRENTLY a ON t (a)') ?? [];
    let out = text;
    for (const e of [...edits].sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    assert.equal(out, 'BEGIN;\nCOMMIT;\nCREATE INDEX CONCURRENTLY b ON t (b);\nCREATE INDEX CONCURRENTLY a ON t (a);\n');
  });

  it('offers no move when the block never commits', () => {
    const s = section('BEGIN;\nCREATE INDEX a ON t (a);\n');
    assert.equal(moveOutOfTransaction(s, s.statements[1], 'x'), undefined);
  });
});
