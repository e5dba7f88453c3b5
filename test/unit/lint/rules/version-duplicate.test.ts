import { versionDuplicate } from '../../../../src/core/lint/rules/version-duplicate';
import { ruleTester } from '../rule-tester';

const HEAD = (file: string) => `-- Migration: ${file}\n-- UP Migration\nSELECT 1;\n`;

ruleTester(versionDuplicate, {
  valid: [
    { name: 'versions that are all different', files: { '0001_a.sql': HEAD('0001_a.sql'), '0002_b.sql': HEAD('0002_b.sql') } },
  ],
  invalid: [
    {
      name: 'two files with version 0002, on the later one\'s Migration field',
      files: { '0001_a.sql': HEAD('0001_a.sql'), '0002_b.sql': HEAD('0002_b.sql'), '0002_c.sql': HEAD('0002_c.sql') },
      errors: [{ file: '0002_c.sql', line: 1, column: 15, endColumn: 25, message: 'version 0002 is used twice: 0002_b.sql and 0002_c.sql' }],
    },
    {
      name: '0002 and 2 as the same version',
      files: { '0002_b.sql': 'SELECT 1;\n', '2_c.sql': 'SELECT 2;\n' },
      errors: [{ file: '2_c.sql', line: 1, column: 1, endColumn: 10 }],
    },
  ],
});
