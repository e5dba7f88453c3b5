import * as assert from 'node:assert/strict';
import { ensureParser } from '../../../src/core/sql/parser';
import { splitStatements, SplitResult } from '../../../src/core/sql/split';
import { splitIncrementally } from '../../../src/core/lint/incremental-split';

const BASE = [
  'CREATE TABLE a (id int);',
  "INSERT INTO a VALUES (1); -- one",
  'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;',
  "DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;",
  '/* block */ SELECT 3;',
  'SELECT 4;',
  'SELECT 5;',
  'SELECT 6;',
  'SELECT 7;',
  'SELECT 8;',
  'SELECT 9;',
  'SELECT 10;',
  '-- trailing',
].join('\n');

// Each edit replaces the first occurrence of `find` in BASE with `replace`.
const EDITS: { name: string; find: string; replace: string }[] = [
  { name: 'an edit inside one statement', find: '(id int)', replace: '(id bigint, v text)' },
  { name: 'a new semicolon that splits a statement', find: 'INSERT INTO a', replace: 'SELECT 0; INSERT INTO a' },
  { name: 'a deleted semicolon that joins two statements', find: 'SELECT 5;', replace: 'SELECT 5' },
  { name: 'an opened string that swallows the rest', find: 'SELECT 4;', replace: "SELECT 'oops;" },
  { name: 'an opened dollar quote', find: 'SELECT 4;', replace: 'SELECT $q$ 4;' },
  { name: 'an opened block comment', find: 'SELECT 6;', replace: '/* SELECT 6;' },
  { name: 'an edit inside a BEGIN ATOMIC body', find: 'SELECT 2;', replace: 'SELECT 2; SELECT 22;' },
  { name: 'a psql line added after a statement', find: 'SELECT 7;', replace: 'SELECT 7;\n\\set x 1' },
  { name: 'a psql line added on the same line as a statement', find: 'SELECT 7;', replace: 'SELECT 7; \\set x 1' },
  { name: 'an edit in the trailing comment', find: '-- trailing', replace: '-- trailing, changed; SELECT' },
  { name: 'an edit at the very start', find: 'CREATE TABLE a', replace: 'CREATE TABLE IF NOT EXISTS a' },
  { name: 'an edit in the last statement', find: 'SELECT 10;', replace: 'SELECT 10, 11' },
];

function plain(r: SplitResult) {
  return {
    statements: r.statements.map((s) => ({ index: s.index, kind: s.kind, text: s.text, start: s.start, end: s.end, endWithSemicolon: s.endWithSemicolon, tokens: s.tokens.map((t) => ({ ...t })), comments: s.comments })),
    trailingComments: r.trailingComments,
    scanError: r.scanError,
  };
}

describe('incremental splitting', () => {
  before(() => ensureParser());
  const header = '-- Migration: 0001_x.sql\n\n';
  for (const edit of EDITS) {
    it(`splits the same as a full split after ${edit.name}`, () => {
      const key = `test:${edit.name}`;
      const before = header + BASE;
      splitIncrementally(key, before, header.length, before.length);
      const after = header + BASE.replace(edit.find, edit.replace);
      assert.notEqual(after, before);
      const incremental = splitIncrementally(key, after, header.length, after.length);
      assert.deepEqual(plain(incremental), plain(splitStatements(after, header.length, after.length)));
    });
  }

  it('gives the right tokens after several edits that move a statement whose tokens were never read', () => {
    const key = 'test:moved-twice';
    let text = header + BASE;
    splitIncrementally(key, text, header.length, text.length);
    for (const added of ['1', '22', '333']) {
      // Each edit lengthens the first statement, which moves all the others.
      text = text.replace('(id int', `(id int${added}`);
      splitIncrementally(key, text, header.length, text.length);
    }
    const last = splitIncrementally(key, text, header.length, text.length);
    assert.deepEqual(plain(last), plain(splitStatements(text, header.length, text.length)));
  });

  it('still remembers the first section after the sections of a thousand migrations', () => {
    const text = header + BASE;
    const first = splitIncrementally('test:project:0', text, header.length, text.length);
    for (let i = 1; i < 2000; i++) splitIncrementally(`test:project:${i}`, text, header.length, text.length);
    const again = splitIncrementally('test:project:0', text, header.length, text.length);
    assert.equal(again, first, 'the remembered split, not a new one');
  });

  it('splits the same as a full split when the section moves', () => {
    const key = 'test:moved';
    const before = header + BASE;
    splitIncrementally(key, before, header.length, before.length);
    const after = `-- Description: x\n${header}${BASE.replace('SELECT 6', 'SELECT 66')}`;
    const from = after.indexOf(BASE.slice(0, 10));
    assert.deepEqual(plain(splitIncrementally(key, after, from, after.length)), plain(splitStatements(after, from, after.length)));
  });
});
