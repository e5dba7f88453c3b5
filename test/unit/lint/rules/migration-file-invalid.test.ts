import { migrationFileInvalid } from '../../../../src/core/lint/rules/migration-file-invalid';
import { ruleTester } from '../rule-tester';

ruleTester(migrationFileInvalid, {
  valid: [
    { name: 'a pair of up and down files', files: { '0001_a.up.sql': 'CREATE TABLE a (id int);', '0001_a.down.sql': 'DROP TABLE a;' } },
  ],
  invalid: [
    {
      name: 'an empty migration file',
      files: { '0001_a.sql': '-- UP Migration\nSELECT 1;\n', '0002_b.sql': '  \n' },
      errors: [{ file: '0002_b.sql', line: 1, column: 1, message: '0002_b.sql is empty' }],
    },
    {
      name: 'a binary file',
      files: { '0001_a.sql': 'SELECT 1;\u0000\u0001' },
      errors: [{ file: '0001_a.sql', line: 1, column: 1, message: /binary file/ }],
    },
    {
      name: 'a down file without its up file',
      files: { '0001_a.up.sql': 'CREATE TABLE a (id int);', '0002_b.down.sql': 'DROP TABLE b;' },
      errors: [{ file: '0002_b.down.sql', line: 1, column: 1, message: /has no UP file/ }],
    },
  ],
});
