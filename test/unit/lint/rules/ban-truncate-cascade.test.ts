import { banTruncateCascade } from '../../../../src/core/lint/rules/ban-truncate-cascade';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(banTruncateCascade, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'TRUNCATE naming every table', sql: 'TRUNCATE chunks, documents;' },
    { name: 'TRUNCATE ... RESTRICT', sql: 'TRUNCATE documents RESTRICT;' },
  ],
  invalid: [
    {
      name: 'TRUNCATE ... CASCADE in UP',
      sql: 'BEGIN;\nTRUNCATE documents CASCADE;\nCOMMIT;',
      errors: [{ line: 2, column: 20, endColumn: 27, message: 'TRUNCATE ... CASCADE also empties every table that references these through a foreign key, recursively' }],
      output: null,
    },
    {
      name: 'TRUNCATE TABLE ... CASCADE in DOWN',
      sql: '-- UP Migration\nSELECT 1;\n\n-- DOWN Migration\nTRUNCATE TABLE documents RESTART IDENTITY CASCADE;\n',
      errors: [{ line: 5, column: 43 }],
    },
  ],
});
