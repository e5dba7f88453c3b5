import { lintLimit } from '../../../../src/core/lint/rules/lint-limit';
import { ruleTester } from '../rule-tester';

const chain = (n: number) => `SELECT ${Array(n).fill('1').join(' + ')};`;
const rows = (n: number) => `INSERT INTO t VALUES ${Array.from({ length: n }, (_, i) => `(${i}, 'row ${i}')`).join(', ')};`;

ruleTester(lintLimit, {
  valid: [
    'CREATE TABLE t (id bigint PRIMARY KEY, label text);',
    { name: 'a chain of 1,500 operators, under the default depth', sql: chain(1500) },
    { name: 'a 500-row INSERT, under a 1 MB statement limit', sql: rows(500) },
    { name: 'a thousand brackets around a value, under the default depth', sql: `SELECT ${'('.repeat(1000)}1${')'.repeat(1000)};` },
  ],
  invalid: [
    {
      name: 'a statement larger than the statement limit, at its first token',
      sql: `SELECT 1;\n${rows(100)}\nSELECT 2;`,
      options: { maxStatementMegabytes: 0.001 },
      errors: [{ line: 2, column: 1, endColumn: 7, message: /^this statement is 2 KB, over the lint limit of 2 KB for a statement \(maxStatementMegabytes\): it was not parsed/ }],
    },
    {
      name: 'an expression nested deeper than the parser can take, not as a syntax error',
      sql: `SELECT 1;\n  ${chain(12000)}`,
      errors: [{ line: 2, column: 3, endColumn: 9, message: /^this statement is nested about 11999 deep, over the lint limit of 2000 \(maxNestingDepth\)/ }],
    },
    {
      name: 'brackets nested deeper than a lowered depth limit',
      sql: `SELECT ${'('.repeat(30)}1${')'.repeat(30)};`,
      options: { maxNestingDepth: 20 },
      errors: [{ line: 1, column: 1, message: /nested about 30 deep, over the lint limit of 20/ }],
    },
    {
      name: 'a file larger than the file limit, once, at its UP section',
      sql: `-- UP Migration\n${rows(800)}\n\n-- DOWN Migration\nDELETE FROM t;`,
      options: { maxFileMegabytes: 0.01 },
      errors: [{ line: 2, column: 1, message: /^0001_test\.sql is 1\d KB, over the lint limit of 11 KB for a file \(maxFileMegabytes\): none of its statements were checked$/ }],
    },
  ],
});
