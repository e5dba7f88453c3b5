import { banDropDatabase } from '../../../../src/core/lint/rules/ban-drop-database';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(banDropDatabase, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'dropping a schema or a table (other rules)', sql: 'DROP SCHEMA IF EXISTS scratch CASCADE;\nDROP TABLE IF EXISTS t;' },
  ],
  invalid: [
    {
      name: 'DROP DATABASE in UP',
      sql: 'DROP DATABASE IF EXISTS analytics;',
      errors: [{ line: 1, column: 1, endColumn: 14, severity: 'error', message: 'DROP DATABASE analytics destroys a whole database and cannot be undone' }],
      output: null,
    },
    {
      name: 'DROP DATABASE in DOWN',
      sql: '-- UP Migration\nSELECT 1;\n\n-- DOWN Migration\nDROP DATABASE app;\n',
      errors: [{ line: 5, column: 1 }],
    },
  ],
});
