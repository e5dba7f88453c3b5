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
    { name: 'integers in the DOWN section only', sql: '-- UP Migration\nSELECT 1;\n-- DOWN Migration\nCREATE TABLE t (id int);' },
    { name: 'counts and positions, which do not grow with the table', sql: 'CREATE TABLE t (id bigint PRIMARY KEY, chunk_index integer NOT NULL, retries smallint, score int);' },
  ],
  invalid: [
    {
      name: 'int, integer and int4 key columns, each with its 64-bit spelling',
      sql: 'CREATE TABLE t (\n  a_id int,\n  b_id INTEGER NOT NULL,\n  c_id int4[]\n);',
      errors: [
        { line: 2, column: 8, endColumn: 11, message: 'a_id is int, which runs out at 2,147,483,647' },
        { line: 3, column: 8, endColumn: 15 },
        { line: 4, column: 8, endColumn: 14 },
      ],
      output: 'CREATE TABLE t (\n  a_id bigint,\n  b_id bigint NOT NULL,\n  c_id int8[]\n);',
    },
    {
      name: 'a smallint foreign key and a smallserial',
      sql: 'CREATE TABLE t (id bigint PRIMARY KEY, a smallint REFERENCES u (id), b smallserial);',
      errors: [{ line: 1, column: 42, message: 'a is smallint, which runs out at 32,767' }, { line: 1, column: 72 }],
      output: 'CREATE TABLE t (id bigint PRIMARY KEY, a bigint REFERENCES u (id), b bigserial);',
    },
    {
      name: 'a natural integer primary key, and a serial that is not the key',
      sql: 'CREATE TABLE t (document_id int PRIMARY KEY, position serial);',
      errors: [{ line: 1, column: 29 }, { line: 1, column: 55, message: 'position is serial, which runs out at 2,147,483,647' }],
    },
    {
      name: 'ADD COLUMN and ALTER COLUMN ... TYPE',
      sql: 'ALTER TABLE t ADD COLUMN n_id integer;\nALTER TABLE t ALTER COLUMN m_id TYPE int USING m_id::int;',
      errors: [{ line: 1, column: 31, endColumn: 38 }, { line: 2, column: 38, endColumn: 41 }],
    },
  ],
});
