import { banCharField } from '../../../../src/core/lint/rules/ban-char-field';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(banCharField, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE TABLE t (a text, b varchar(10), c character varying);',
    { name: 'the one-byte internal "char" type', sql: 'CREATE TABLE t (a "char", b pg_catalog.char);' },
    { name: 'a char cast in a query', sql: "SELECT 'x'::char(3);" },
  ],
  invalid: [
    {
      name: 'char(n) and character(n), fixed to text with a CHECK',
      sql: 'CREATE TABLE countries (\n  code char(2) NOT NULL,\n  name CHARACTER(100)\n);',
      errors: [
        { line: 2, column: 8, endColumn: 15, message: 'code is char(2): it pads every value with spaces to 2 characters and is no faster than text' },
        { line: 3, column: 8, endColumn: 22, message: /^name is CHARACTER\(100\)/ },
      ],
      output: 'CREATE TABLE countries (\n  code text CHECK (char_length(code) <= 2) NOT NULL,\n  name text CHECK (char_length(name) <= 100)\n);',
    },
    {
      name: 'char without a length (char(1)) and an array',
      sql: 'CREATE TABLE t (flag char, grades char(1)[]);',
      errors: [{ line: 1, column: 22, endColumn: 26, message: 'flag is char: it pads every value with spaces to 1 character and is no faster than text' }, { line: 1, column: 35, endColumn: 44 }],
      output: 'CREATE TABLE t (flag text CHECK (char_length(flag) <= 1), grades text[]);',
    },
    {
      name: 'bpchar and ALTER COLUMN ... TYPE',
      sql: 'ALTER TABLE t ADD COLUMN a bpchar;\nALTER TABLE t ALTER COLUMN b TYPE national character(5);',
      errors: [{ line: 1, column: 28, message: 'a is bpchar: it pads values with spaces and is no faster than text' }, { line: 2, column: 35, endColumn: 56 }],
      output: 'ALTER TABLE t ADD COLUMN a text;\nALTER TABLE t ALTER COLUMN b TYPE text;',
    },
  ],
});
