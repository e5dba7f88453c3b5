import { banAlterDomainWithAddConstraint } from '../../../../src/core/lint/rules/ban-alter-domain-with-add-constraint';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(banAlterDomainWithAddConstraint, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a domain constraint added NOT VALID', sql: 'ALTER DOMAIN score ADD CONSTRAINT score_range CHECK (VALUE BETWEEN 0 AND 1) NOT VALID;' },
    { name: 'a constraint on a domain created in the same migration', sql: 'CREATE DOMAIN score AS real;\nALTER DOMAIN score ADD CONSTRAINT score_range CHECK (VALUE >= 0);' },
    { name: 'other ALTER DOMAIN actions', sql: 'ALTER DOMAIN score SET DEFAULT 0;\nALTER DOMAIN score VALIDATE CONSTRAINT score_range;' },
  ],
  invalid: [
    {
      name: 'ALTER DOMAIN ... ADD CONSTRAINT on an existing domain',
      sql: 'BEGIN;\nALTER DOMAIN app.score ADD CONSTRAINT score_range CHECK (VALUE BETWEEN 0 AND 1);\nCOMMIT;',
      errors: [{ line: 2, column: 28, endColumn: 38, message: 'adding a constraint to domain app.score checks every column of every table that uses it, locking them all during the scan' }],
      output: null,
    },
  ],
});
