import { preferTextOverVarchar } from '../../../../src/core/lint/rules/prefer-text-over-varchar';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(preferTextOverVarchar, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE TABLE t (a text, b text CHECK (char_length(b) <= 100));',
    { name: 'varchar without a limit (the same as text)', sql: 'CREATE TABLE t (a varchar, b character varying);' },
    { name: 'a varchar cast in a query', sql: "SELECT 'x'::varchar(10);" },
    { name: 'char(n) (ban-char-field reports it)', sql: 'CREATE TABLE t (a char(3));' },
  ],
  invalid: [
    {
      name: 'varchar(n) in CREATE TABLE, fixed to text with a CHECK',
      sql: 'CREATE TABLE users (\n  email varchar(320) NOT NULL\n);',
      errors: [{ line: 2, column: 9, endColumn: 21, message: 'email is varchar(320): changing the limit later locks the table (ALTER COLUMN ... TYPE)' }],
      output: 'CREATE TABLE users (\n  email text CHECK (char_length(email) <= 320) NOT NULL\n);',
    },
    {
      name: 'character varying(n) with a quoted column name',
      sql: 'CREATE TABLE t ("Title" character varying(200));',
      errors: [{ line: 1, column: 25, endColumn: 47, message: /^Title is character varying\(200\)/ }],
      output: 'CREATE TABLE t ("Title" text CHECK (char_length("Title") <= 200));',
    },
    {
      name: 'a column whose name is a keyword, quoted in the CHECK as written',
      sql: 'CREATE TABLE t ("order" varchar(10));',
      errors: [{ line: 1, column: 25 }],
      output: 'CREATE TABLE t ("order" text CHECK (char_length("order") <= 10));',
    },
    {
      name: 'a varchar array and ALTER COLUMN ... TYPE, fixed to plain text',
      sql: 'ALTER TABLE t ADD COLUMN tags varchar(30)[];\nALTER TABLE t ALTER COLUMN name TYPE varchar(50);',
      errors: [{ line: 1, column: 31, endColumn: 44 }, { line: 2, column: 38, endColumn: 49 }],
      output: 'ALTER TABLE t ADD COLUMN tags text[];\nALTER TABLE t ALTER COLUMN name TYPE text;',
    },
  ],
});
