import { tableWithoutSchema } from '../../../../src/core/lint/rules/table-without-schema';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(tableWithoutSchema, {
  valid: [
    { name: 'a clean project (it never qualifies, so search_path is its convention)', files: CLEAN_PROJECT },
    { name: 'a set that qualifies every table name', sql: 'CREATE TABLE app.docs (id bigint);\nALTER TABLE app.docs ADD COLUMN a int;\nDROP TABLE IF EXISTS app.old;' },
    { name: 'temporary tables in a qualifying set', sql: 'CREATE TABLE app.docs (id bigint);\nCREATE TEMP TABLE scratch (a int);' },
  ],
  invalid: [
    {
      name: 'one unqualified name in a set that qualifies its tables',
      sql: 'CREATE TABLE app.docs (id bigint);\nCREATE TABLE app.chunks (id bigint);\nALTER TABLE chunks ADD COLUMN a int;\nDROP TABLE app.x, old;',
      errors: [
        { line: 3, column: 13, endColumn: 19, severity: 'info', message: "table chunks is not schema-qualified; it resolves through search_path, unlike the set's other table names" },
        { line: 4, column: 19, endColumn: 22 },
      ],
      output: null,
    },
    {
      name: 'every unqualified name with the option always',
      options: { always: true },
      sql: 'CREATE TABLE docs (id bigint);',
      errors: [{ line: 1, column: 14, endColumn: 18 }],
    },
  ],
});
