import { missingPrimaryKey } from '../../../../src/core/lint/rules/missing-primary-key';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(missingPrimaryKey, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);',
    'CREATE TABLE t (a bigint, b bigint, CONSTRAINT t_pkey PRIMARY KEY (a, b));',
    { name: 'a primary key added later in the migration', sql: 'CREATE TABLE t (id bigint NOT NULL);\nALTER TABLE t ADD PRIMARY KEY (id);' },
    { name: 'a primary key added by a later migration', files: { '0001_t.sql': 'CREATE TABLE t (id bigint NOT NULL);', '0002_pk.sql': 'ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id);' } },
    { name: 'a table with a key that the migration drops again', sql: 'CREATE TABLE items (id bigserial PRIMARY KEY);\nDROP TABLE items;' },
    { name: 'a key added before the table is dropped', sql: 'CREATE TABLE items (id bigint NOT NULL);\nALTER TABLE items ADD PRIMARY KEY (id);\nDROP TABLE items;' },
    { name: 'a temporary table', sql: 'CREATE TEMP TABLE staging (id bigint, embedding text);' },
    { name: 'a partition', sql: "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');" },
    { name: 'a table copied with LIKE', sql: 'CREATE TABLE chunks_copy (LIKE chunks INCLUDING ALL);' },
    { name: 'CREATE TABLE AS', sql: 'CREATE TABLE report AS SELECT 1 AS n;' },
  ],
  invalid: [
    {
      name: 'a table without a primary key, at its name',
      sql: 'CREATE TABLE chunk_tags (\n  chunk_id bigint NOT NULL,\n  tag text NOT NULL\n);',
      errors: [{ line: 1, column: 14, endColumn: 24, message: 'table chunk_tags has no primary key: its rows cannot be told apart, updated by key or replicated' }],
    },
    {
      name: 'a schema-qualified table with only a unique constraint',
      sql: 'CREATE TABLE app.settings (name text UNIQUE NOT NULL, value text);',
      errors: [{ line: 1, column: 14, endColumn: 26, message: /^table app\.settings has no primary key/ }],
    },
    {
      name: 'a table without a key that the migration drops again',
      sql: 'CREATE TABLE items (id bigint);\nDROP TABLE items;',
      errors: [{ line: 1, column: 14, endColumn: 19 }],
    },
    {
      name: 'an unlogged table and a partitioned parent',
      sql: 'CREATE UNLOGGED TABLE cache (k text, v text);\nCREATE TABLE events (at timestamptz, body text) PARTITION BY RANGE (at);',
      errors: [{ line: 1, column: 23 }, { line: 2, column: 14 }],
    },
  ],
});
