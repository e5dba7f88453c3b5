import { enumValueWithoutPosition } from '../../../../src/core/lint/rules/enum-value-without-position';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(enumValueWithoutPosition, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'ADD VALUE with BEFORE or AFTER', sql: "ALTER TYPE status ADD VALUE 'archived' AFTER 'done';\nALTER TYPE status ADD VALUE IF NOT EXISTS 'draft' BEFORE 'open';" },
    { name: 'RENAME VALUE', sql: "ALTER TYPE status RENAME VALUE 'open' TO 'active';" },
  ],
  invalid: [
    {
      name: 'ADD VALUE without a position',
      sql: "ALTER TYPE status ADD VALUE 'archived';",
      errors: [{ line: 1, column: 19, endColumn: 39, severity: 'info', message: "'archived' is appended to enum status, so it sorts after every existing value" }],
      output: null,
    },
  ],
});
