import { dependencyUnknown } from '../../../../src/core/lint/rules/dependency-unknown';
import { ruleTester } from '../rule-tester';

const file = (deps: string) => `-- Migration: x\n-- Dependencies: ${deps}\n\n-- UP Migration\nSELECT 1;\n`;
const A = file('none');

ruleTester(dependencyUnknown, {
  valid: [
    { name: 'an earlier migration by file name', files: { '0001_a.sql': A, '0002_b.sql': file('0001_a.sql') } },
    { name: 'earlier migrations by name without .sql and by version', files: { '0001_a.sql': A, '0002_b.sql': A, '0003_c.sql': file('0001_a, 0002') } },
    { name: 'none', files: { '0001_a.sql': A } },
  ],
  invalid: [
    {
      name: 'a migration that does not exist, at its name',
      files: { '0001_a.sql': A, '0002_b.sql': file('0001_a.sql, 0001_typo.sql') },
      errors: [{ file: '0002_b.sql', line: 2, column: 30, endColumn: 43, message: 'dependency 0001_typo.sql is not a migration of this set' }],
    },
    {
      name: 'a migration that runs later',
      files: { '0001_a.sql': file('0002_b.sql'), '0002_b.sql': A },
      errors: [{ file: '0001_a.sql', line: 2, column: 18, message: 'dependency 0002_b.sql runs after this migration (version 0002 > 0001)' }],
    },
    {
      name: 'the migration itself',
      files: { '0001_a.sql': file('0001_a.sql') },
      errors: [{ line: 2, column: 18, message: '0001_a.sql is this migration itself' }],
    },
  ],
});
