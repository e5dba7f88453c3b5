import { banCreateDomainWithConstraint } from '../../../../src/core/lint/rules/ban-create-domain-with-constraint';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(banCreateDomainWithConstraint, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a domain without constraints, with a default', sql: 'CREATE DOMAIN score AS real DEFAULT 0;' },
    { name: 'a CHECK on the table column instead', sql: 'CREATE TABLE t (s real CHECK (s BETWEEN 0 AND 1));' },
  ],
  invalid: [
    {
      name: 'a domain with a CHECK',
      sql: 'CREATE DOMAIN score AS real CHECK (VALUE BETWEEN 0 AND 1);',
      errors: [{ line: 1, column: 29, endColumn: 34, message: 'domain score carries a constraint; changing it later locks and rescans every table that uses the domain' }],
      output: null,
    },
    {
      name: 'a domain with NOT NULL and a named CHECK',
      sql: 'CREATE DOMAIN app.slug AS text NOT NULL CONSTRAINT slug_format CHECK (VALUE ~ \'^[a-z-]+$\');',
      errors: [{ line: 1, column: 32 }, { line: 1, column: 41 }],
    },
  ],
});
