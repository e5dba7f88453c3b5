import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHeader } from '../../src/core/migrations/header';

const grammarFile = path.resolve(__dirname, '../../../syntaxes/pgvector-migrator.injection.json');
const grammar = JSON.parse(fs.readFileSync(grammarFile, 'utf8'));
const quickstart = path.resolve(__dirname, '../../../examples/quickstart/db/migrations/0003_create_chunks.sql');

/** The grammar's Oniguruma pattern as a JavaScript RegExp (it uses only the shared subset plus (?i)). */
function pattern(name: string): RegExp {
  const source: string = grammar.repository[name].match;
  return new RegExp(source.replace(/^\(\?i\)/, ''), source.startsWith('(?i)') ? 'i' : '');
}

describe('the editor grammar for migration files', () => {
  it('injects into SQL and names every pattern it includes', () => {
    assert.equal(grammar.injectionSelector, 'L:source.sql');
    for (const p of grammar.patterns) assert.ok(grammar.repository[p.include.slice(1)], p.include);
  });

  it('marks the same header fields the header reader takes from the quickstart', () => {
    const text = fs.readFileSync(quickstart, 'utf8');
    const fields = parseHeader(text).fields;
    const marked = text.split('\n').map((line) => pattern('header-field').exec(line)?.[2]?.toLowerCase()).filter(Boolean);
    assert.deepEqual(marked, Object.keys(fields));
  });

  const markers: [string, boolean][] = [
    ['-- UP Migration', true],
    ['--  down migration', true],
    ['-- migrate:up', true],
    ['-- migrate:down transaction:false', true],
    ['-- upgrade notes', false],
    ['SELECT 1; -- UP Migration', false],
  ];
  for (const [line, expected] of markers) {
    it(`${expected ? 'marks' : 'leaves'} "${line}" ${expected ? 'as' : 'unmarked, not'} a section marker`, () => {
      assert.equal(pattern('section-marker').test(line), expected);
    });
  }
});
