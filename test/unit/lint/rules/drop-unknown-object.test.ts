import { dropUnknownObject } from '../../../../src/core/lint/rules/drop-unknown-object';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const DOCS = 'CREATE TABLE docs (id bigint PRIMARY KEY, title text UNIQUE, author_id bigint REFERENCES authors (id), body text CHECK (body <> \'\'), CONSTRAINT docs_title_len CHECK (length(title) < 200));\nCREATE INDEX ON docs (author_id);\n';

ruleTester(dropUnknownObject, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'objects the migrations created, under the names PostgreSQL gave them', sql: DOCS + 'DROP INDEX docs_author_id_idx;\nALTER TABLE docs DROP CONSTRAINT docs_pkey, DROP CONSTRAINT docs_title_key, DROP CONSTRAINT docs_author_id_fkey, DROP CONSTRAINT docs_title_len, DROP CONSTRAINT docs_body_check;\nALTER TABLE docs DROP COLUMN body;' },
    { name: 'IF EXISTS', sql: DOCS + 'DROP INDEX IF EXISTS old_idx;\nALTER TABLE docs DROP COLUMN IF EXISTS legacy, DROP CONSTRAINT IF EXISTS old_check;' },
    { name: 'a table the migrations do not create', sql: 'ALTER TABLE users DROP COLUMN legacy;\nALTER TABLE users DROP CONSTRAINT users_old_check;' },
    { name: 'a set that builds no tables (it runs against an existing database)', sql: 'DROP INDEX legacy_idx;' },
    { name: 'a table copied with LIKE', sql: 'CREATE TABLE docs_copy (LIKE docs INCLUDING ALL);\nALTER TABLE docs_copy DROP COLUMN title;' },
    { name: 'the index behind a unique constraint, and a NOT NULL constraint', sql: 'CREATE TABLE t (id bigint NOT NULL, code text UNIQUE);\nDROP INDEX t_code_key;\nALTER TABLE t DROP CONSTRAINT t_id_not_null;' },
    { name: 'a column created by an earlier migration', files: { '0001_t.sql': 'CREATE TABLE t (id bigint PRIMARY KEY);', '0002_c.sql': 'ALTER TABLE t ADD COLUMN c int;', '0003_d.sql': 'ALTER TABLE t DROP COLUMN c;' } },
  ],
  invalid: [
    {
      name: 'an index name PostgreSQL did not give',
      sql: DOCS + 'DROP INDEX docs_author_idx;',
      errors: [{ line: 3, column: 12, endColumn: 27, message: 'no migration before this creates index docs_author_idx, so on a fresh database this fails (indexes with similar names: docs_author_id_idx)' }],
    },
    {
      name: 'a constraint and a column that were never there',
      sql: DOCS + 'ALTER TABLE docs DROP CONSTRAINT docs_title_unique,\n  DROP COLUMN summary;',
      errors: [
        { line: 3, column: 34, endColumn: 51, message: /^no migration before this creates constraint docs_title_unique of docs, so on a fresh database this fails \(its named constraints are docs_pkey, docs_title_key, docs_author_id_fkey, docs_title_len\)$/ },
        { line: 4, column: 15, endColumn: 22, message: /^no migration before this creates column summary of docs/ },
      ],
    },
    {
      name: 'a column dropped twice, in two migrations',
      files: { '0001_t.sql': 'CREATE TABLE t (id bigint PRIMARY KEY, c int);', '0002_d.sql': 'ALTER TABLE t DROP COLUMN c;', '0003_d.sql': 'ALTER TABLE t DROP COLUMN c;' },
      errors: [{ file: '0003_d.sql', line: 1, column: 27 }],
    },
  ],
});
