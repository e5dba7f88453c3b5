import { preferTimestamptz } from '../../../../src/core/lint/rules/prefer-timestamptz';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(preferTimestamptz, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE TABLE t (a timestamptz, b timestamp with time zone, c timestamptz(3), d date, e time);',
    { name: 'a timestamp cast in a query', sql: "SELECT now()::timestamp;" },
    { name: 'a type of that name in another schema', sql: 'CREATE TABLE t (a legacy.timestamp);' },
  ],
  invalid: [
    {
      name: 'timestamp and timestamp without time zone, fixed to timestamptz',
      sql: 'CREATE TABLE events (\n  created_at timestamp NOT NULL DEFAULT now(),\n  seen_at TIMESTAMP WITHOUT TIME ZONE\n);',
      errors: [
        { line: 2, column: 14, endColumn: 23, message: 'created_at is timestamp without time zone: the instant it stores depends on the time zone of the session that wrote it' },
        { line: 3, column: 11, endColumn: 38 },
      ],
      output: 'CREATE TABLE events (\n  created_at timestamptz NOT NULL DEFAULT now(),\n  seen_at timestamptz\n);',
    },
    {
      name: 'a precision and an array, kept by the fix',
      sql: 'CREATE TABLE t (a timestamp(3) without time zone, b timestamp[]);',
      errors: [{ line: 1, column: 19, endColumn: 49 }, { line: 1, column: 53, endColumn: 64 }],
      output: 'CREATE TABLE t (a timestamptz(3), b timestamptz[]);',
    },
    {
      name: 'ADD COLUMN and ALTER COLUMN ... TYPE',
      sql: 'ALTER TABLE t ADD COLUMN a timestamp;\nALTER TABLE t ALTER COLUMN b TYPE timestamp USING b::timestamp;',
      errors: [{ line: 1, column: 28 }, { line: 2, column: 35, endColumn: 44 }],
    },
  ],
});
