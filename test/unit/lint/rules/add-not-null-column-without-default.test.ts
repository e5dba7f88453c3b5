import { addNotNullColumnWithoutDefault } from '../../../../src/core/lint/rules/add-not-null-column-without-default';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(addNotNullColumnWithoutDefault, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a NOT NULL column with a constant default', sql: 'ALTER TABLE docs ADD COLUMN lang text NOT NULL DEFAULT \'en\';' },
    { name: 'a nullable column', sql: 'ALTER TABLE docs ADD COLUMN lang text;' },
    { name: 'a NOT NULL column on a table created in the same migration', sql: 'CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN lang text NOT NULL;' },
    { name: 'an identity column, which fills itself', sql: 'ALTER TABLE docs ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY NOT NULL;' },
    { name: 'a bigserial column, which fills itself', sql: 'ALTER TABLE docs ADD COLUMN n bigserial NOT NULL;' },
    { name: 'a stored generated column', sql: 'ALTER TABLE docs ADD COLUMN t2 text NOT NULL GENERATED ALWAYS AS (upper(title)) STORED;' },
  ],
  invalid: [
    {
      name: 'a NOT NULL column without a default on an existing table',
      sql: 'BEGIN;\nALTER TABLE docs ADD COLUMN tenant_id bigint NOT NULL;\nCOMMIT;',
      errors: [{ line: 2, column: 46, endColumn: 54, message: /column tenant_id is added to existing table docs as NOT NULL without a DEFAULT/ }],
      output: null,
    },
    {
      name: 'a PRIMARY KEY column without a default, and a second NOT NULL action',
      sql: 'ALTER TABLE public.docs\n  ADD COLUMN id2 bigint PRIMARY KEY,\n  ADD COLUMN b int CONSTRAINT b_nn NOT NULL;',
      errors: [{ line: 2, column: 25, endColumn: 36, message: /as PRIMARY KEY/ }, { line: 3, column: 36, endColumn: 44 }],
    },
  ],
});
