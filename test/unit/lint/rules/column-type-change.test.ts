import { columnTypeChange } from '../../../../src/core/lint/rules/column-type-change';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const DOCS = 'CREATE TABLE docs (id bigint PRIMARY KEY, title varchar(100), code varchar(10), price numeric(10,2), body text);\n';

ruleTester(columnTypeChange, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a type change on a table created in the same migration', sql: 'CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a TYPE bigint;' },
    { name: 'a type change of a column added in the same migration', sql: 'ALTER TABLE docs ADD COLUMN n int;\nALTER TABLE docs ALTER COLUMN n TYPE bigint;' },
    {
      name: 'changes that need no rewrite: longer varchar, varchar to text, more numeric precision',
      files: {
        '0001_docs.sql': DOCS,
        '0002_widen.sql': 'ALTER TABLE docs ALTER COLUMN title TYPE varchar(200), ALTER COLUMN code TYPE text, ALTER COLUMN price TYPE numeric(12,2), ALTER COLUMN body TYPE varchar;\n',
      },
    },
    {
      name: 'a change to the type the column already has (no-op, nothing rewritten)',
      files: {
        '0001_docs.sql': DOCS + 'ALTER TABLE docs ADD COLUMN embedding vector(3);\n',
        '0002_same.sql': 'ALTER TABLE docs ALTER COLUMN id TYPE int8, ALTER COLUMN title TYPE varchar(100), ALTER COLUMN price TYPE numeric(10, 2), ALTER COLUMN embedding TYPE vector(3);\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a change of dimensions, which is not the type the column has',
      files: { '0001_docs.sql': DOCS + 'ALTER TABLE docs ADD COLUMN embedding vector(3);\n', '0002_dims.sql': 'ALTER TABLE docs ALTER COLUMN embedding TYPE vector(4);\n' },
      errors: [{ file: '0002_dims.sql', line: 1, column: 18 }],
    },
    {
      name: 'int to bigint on an existing table',
      sql: 'BEGIN;\nALTER TABLE docs ALTER COLUMN id TYPE bigint;\nCOMMIT;',
      errors: [{ line: 2, column: 18, endColumn: 45, message: /changing the type of docs.id rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock/ }],
      output: null,
    },
    {
      name: 'a shorter varchar, a numeric scale change, and a USING clause',
      files: {
        '0001_docs.sql': DOCS,
        '0002_change.sql': 'ALTER TABLE docs ALTER COLUMN title TYPE varchar(50);\nALTER TABLE docs ALTER COLUMN price TYPE numeric(12,3);\nALTER TABLE docs ALTER COLUMN body TYPE text USING trim(body);\n',
      },
      errors: [{ file: '0002_change.sql', line: 1, column: 18 }, { file: '0002_change.sql', line: 2, column: 18 }, { file: '0002_change.sql', line: 3, column: 18 }],
    },
    {
      name: 'a vector dimension change',
      files: { '0001_c.sql': 'CREATE TABLE c (e vector(768));\n', '0002_c.sql': 'ALTER TABLE c ALTER COLUMN e TYPE vector(1536);\n' },
      errors: [{ file: '0002_c.sql', line: 1, column: 15 }],
    },
  ],
});
