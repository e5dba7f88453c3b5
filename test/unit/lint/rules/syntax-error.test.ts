import { syntaxError } from '../../../../src/core/lint/rules/syntax-error';
import { ruleTester } from '../rule-tester';

ruleTester(syntaxError, {
  valid: [
    'CREATE TABLE documents (id bigint PRIMARY KEY, body text NOT NULL);',
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;",
    "DO $$ BEGIN RAISE NOTICE 'a; b'; END $$;",
    '\\set ON_ERROR_STOP on\nSELECT 1;',
  ],
  invalid: [
    {
      name: 'a misspelt keyword, at that keyword',
      sql: 'SELEC 1;',
      errors: [{ line: 1, column: 1, endColumn: 6, message: 'syntax error at or near "SELEC"' }],
    },
    {
      name: 'a trailing comma, while the statements around it are still parsed',
      sql: 'CREATE TABLE a (id int);\nCREATE TABLE b (id int,);\nCREATE TABLE c (id int,);',
      errors: [
        { line: 2, column: 24, endColumn: 25, message: /at or near "\)"/ },
        { line: 3, column: 24, message: /at or near "\)"/ },
      ],
    },
    {
      name: 'an unfinished statement, at its last token',
      sql: 'SELECT 1;\n\nSELECT * FROM;',
      errors: [{ line: 3, column: 10, endColumn: 14, message: 'syntax error at end of input' }],
    },
    {
      name: 'an error after multi-byte characters, at the right column',
      sql: "SELECT 'é—😀' AS x, FROM t;",
      errors: [{ line: 1, column: 21, endColumn: 25, message: /at or near "FROM"/ }],
    },
    {
      name: 'an unterminated string, at its opening quote',
      sql: "CREATE TABLE a (id int);\nSELECT 'oops;\nSELECT 2;\n",
      errors: [{ line: 2, column: 8, endLine: 2, endColumn: 14, message: /unterminated quoted string/ }],
    },
    {
      name: 'an error in the DOWN section',
      sql: '-- UP Migration\nCREATE TABLE a (id int);\n\n-- DOWN Migration\nDROP TABLEE a;',
      errors: [{ line: 5, column: 6 }],
    },
  ],
});
