import { addPrimaryKeyToExistingTable } from '../../../../src/core/lint/rules/add-primary-key-to-existing-table';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(addPrimaryKeyToExistingTable, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a PRIMARY KEY USING a concurrently built index', sql: 'ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_key;' },
    { name: 'a PRIMARY KEY on a table created in the same migration', sql: 'CREATE TABLE t (id bigint NOT NULL);\nALTER TABLE t ADD PRIMARY KEY (id);' },
  ],
  invalid: [
    {
      name: 'ADD PRIMARY KEY on an existing table',
      sql: 'BEGIN;\nALTER TABLE items ADD PRIMARY KEY (id);\nCOMMIT;',
      errors: [{ line: 2, column: 19, endColumn: 39, message: /adding a PRIMARY KEY to existing table items builds its index under an ACCESS EXCLUSIVE lock/ }],
      output: null,
    },
    {
      name: 'a bigserial PRIMARY KEY column added to an existing table',
      sql: 'ALTER TABLE items ADD COLUMN id bigserial PRIMARY KEY;',
      errors: [{ line: 1, column: 43 }],
    },
  ],
});
