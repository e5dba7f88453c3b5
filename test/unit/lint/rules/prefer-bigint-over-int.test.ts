import { preferBigintOverInt } from '../../../../src/core/lint/rules/prefer-bigint-over-int';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(preferBigintOverInt, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE TABLE t (a bigint, b int8, c bigserial, d numeric, e real, f double precision);',
    { name: 'a serial primary key (prefer-bigint-identity reports it)', sql: 'CREATE TABLE t (id serial PRIMARY KEY);' },
    { name: 'an integer identity key (prefer-bigint-identity reports it)', sql: 'CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);' },
    { name: 'a type in another schema that happens to be called int4', sql: 'CREATE TABLE t (a myschema.int4);' },
    { name: 'integers in the DOWN section only', sql: '-- UP Migration\nSELECT 1;\n-- DOWN Migration\nCREATE TABLE t (a int);' },
  ],
  invalid: [
    {
      name: 'int, integer and int4 columns, each with its 64-bit spelling',
      sql: 'CREATE TABLE t (\n  a int,\n  b INTEGER NOT NULL,\n  c int4[]\n);',
      errors: [
        { line: 2, column: 5, endColumn: 8, message: 'a is int, which runs out at 2,147,483,647' },
        { line: 3, column: 5, endColumn: 12 },
        { line: 4, column: 5, endColumn: 11 },
      ],
      output: 'CREATE TABLE t (\n  a bigint,\n  b bigint NOT NULL,\n  c int8[]\n);',
    },
    {
      name: 'smallint and smallserial',
      sql: 'CREATE TABLE t (id bigint PRIMARY KEY, a smallint, b smallserial);',
      errors: [{ line: 1, column: 42, message: 'a is smallint, which runs out at 32,767' }, { line: 1, column: 54 }],
      output: 'CREATE TABLE t (id bigint PRIMARY KEY, a bigint, b bigserial);',
    },
    {
      name: 'a natural integer primary key, and a serial that is not the key',
      sql: 'CREATE TABLE t (document_id int PRIMARY KEY, position serial);',
      errors: [{ line: 1, column: 29 }, { line: 1, column: 55, message: 'position is serial, which runs out at 2,147,483,647' }],
    },
    {
      name: 'ADD COLUMN and ALTER COLUMN ... TYPE',
      sql: 'ALTER TABLE t ADD COLUMN n integer;\nALTER TABLE t ALTER COLUMN m TYPE int USING m::int;',
      errors: [{ line: 1, column: 28, endColumn: 35 }, { line: 2, column: 35, endColumn: 38 }],
    },
  ],
});
