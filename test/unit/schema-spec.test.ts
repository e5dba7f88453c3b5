import * as assert from 'node:assert/strict';
import { ensureParser } from '../../src/core/sql/parser';
import { LineIndex } from '../../src/core/sql/positions';
import { parseSpec, specStatements } from '../../src/core/schema/spec';

/** What the checks take from a spec: each statement's kind and the line it starts on. */
function statementsOf(markdown: string): { kind: 'ddl' | 'query'; line: number; text: string }[] {
  const spec = parseSpec(markdown, '/project/docs/ARCHITECTURE_V2.md');
  const lines = new LineIndex(markdown);
  const { ddl, queries } = specStatements(spec);
  return [
    ...ddl.map((s) => ({ kind: 'ddl' as const, line: lines.positionAt(s.start).line, text: s.text })),
    ...queries.map((s) => ({ kind: 'query' as const, line: lines.positionAt(s.start).line, text: s.text })),
  ].sort((a, b) => a.line - b.line);
}

describe('reading the architecture spec', () => {
  before(ensureParser);

  const cases: { what: string; markdown: string; expected: { kind: 'ddl' | 'query'; line: number; text: string }[] }[] = [
    {
      what: 'takes ```sql blocks as the target schema, one statement at a time, on their own lines',
      markdown: '# Schema\n\n```sql\nCREATE TABLE a (id int);\n\nCREATE TABLE b (id int);\n```\n',
      expected: [{ kind: 'ddl', line: 4, text: 'CREATE TABLE a (id int)' }, { kind: 'ddl', line: 6, text: 'CREATE TABLE b (id int)' }],
    },
    {
      what: 'takes blocks under a "Query patterns" heading, and its subheadings, as queries',
      markdown: '## Query patterns\n\n### Search\n\n```sql\nSELECT 1;\n```\n\n## Tables\n\n```sql\nCREATE TABLE t (id int);\n```\n',
      expected: [{ kind: 'query', line: 6, text: 'SELECT 1' }, { kind: 'ddl', line: 12, text: 'CREATE TABLE t (id int)' }],
    },
    {
      what: 'takes a block fenced as ```sql query as a query anywhere',
      markdown: '# Schema\n\n```sql query\nSELECT id FROM t WHERE id = $1\n```\n',
      expected: [{ kind: 'query', line: 4, text: 'SELECT id FROM t WHERE id = $1' }],
    },
    {
      what: 'reads ~~~ fences and other spellings of SQL',
      markdown: '~~~postgresql\nCREATE TABLE t (id int);\n~~~\n\n```PGSQL\nCREATE TABLE u (id int);\n```\n',
      expected: [{ kind: 'ddl', line: 2, text: 'CREATE TABLE t (id int)' }, { kind: 'ddl', line: 6, text: 'CREATE TABLE u (id int)' }],
    },
    {
      what: 'leaves out blocks of other languages and blocks marked ignore',
      markdown: '```json\n{ "a": 1 }\n```\n\n```sql ignore\nDROP TABLE everything;\n```\n\n```\nCREATE TABLE plain (id int);\n```\n',
      expected: [],
    },
    {
      what: 'does not take a heading-like line inside a block as a heading',
      markdown: '```text\n## Query patterns\n```\n\n```sql\nCREATE TABLE t (id int);\n```\n',
      expected: [{ kind: 'ddl', line: 6, text: 'CREATE TABLE t (id int)' }],
    },
    {
      what: 'reads an unclosed block to the end of the file',
      markdown: '# Query Patterns\n```sql\nSELECT 3;\n',
      expected: [{ kind: 'query', line: 3, text: 'SELECT 3' }],
    },
    {
      what: 'reads Windows line endings',
      markdown: '# Schema\r\n\r\n```sql\r\nCREATE TABLE t (id int);\r\n```\r\n',
      expected: [{ kind: 'ddl', line: 4, text: 'CREATE TABLE t (id int)' }],
    },
  ];
  for (const c of cases) {
    it(c.what, () => assert.deepEqual(statementsOf(c.markdown), c.expected));
  }

  it('says which blocks it cannot read instead of guessing where their statements end', () => {
    const spec = parseSpec("```sql\nSELECT 'unclosed;\n```\n", '/p/spec.md');
    const { unreadable, ddl } = specStatements(spec);
    assert.equal(ddl.length, 0);
    assert.equal(unreadable.length, 1);
    assert.equal(unreadable[0].block.fenceLine, 1);
  });
});
