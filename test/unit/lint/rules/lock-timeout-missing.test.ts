import { lockTimeoutMissing } from '../../../../src/core/lint/rules/lock-timeout-missing';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const NO_RUNNER_TIMEOUT = { lockTimeout: '0' };

ruleTester(lockTimeoutMissing, {
  valid: [
    { name: 'a clean project, with the timeout disabled in the config', config: NO_RUNNER_TIMEOUT, files: CLEAN_PROJECT },
    { name: 'an ALTER TABLE when the runner sets lock_timeout (the default 5s)', sql: 'ALTER TABLE docs ADD COLUMN a int;' },
    { name: 'an ALTER TABLE after SET LOCAL lock_timeout', config: NO_RUNNER_TIMEOUT, sql: "BEGIN;\nSET LOCAL lock_timeout = '3s';\nALTER TABLE docs ADD COLUMN a int;\nCOMMIT;" },
    { name: 'an ALTER TABLE after set_config', config: NO_RUNNER_TIMEOUT, sql: "SELECT set_config('lock_timeout', '2s', true);\nALTER TABLE docs ADD COLUMN a int;" },
    { name: 'DDL on a table created in the same migration', config: NO_RUNNER_TIMEOUT, sql: 'CREATE TABLE t (a int);\nCREATE INDEX t_a_idx ON t (a);\nALTER TABLE t ADD COLUMN b int;' },
    { name: 'statements that do not block reads or writes', config: NO_RUNNER_TIMEOUT, sql: 'ALTER TABLE docs VALIDATE CONSTRAINT fk;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS a_idx ON docs (a);\nINSERT INTO docs (a) VALUES (1);' },
  ],
  invalid: [
    {
      name: 'an ALTER TABLE with the runner timeout disabled, fixed with SET LOCAL inside the transaction',
      config: NO_RUNNER_TIMEOUT,
      sql: 'BEGIN;\nALTER TABLE docs ADD COLUMN a int;\nALTER TABLE docs ADD COLUMN b int;\nCOMMIT;\n',
      errors: [{ line: 2, column: 1, endColumn: 12, message: /locks an existing table with no lock_timeout in effect/ }],
      output: "BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE docs ADD COLUMN a int;\nALTER TABLE docs ADD COLUMN b int;\nCOMMIT;\n",
    },
    {
      name: 'a timeout turned off again before a DROP INDEX',
      config: NO_RUNNER_TIMEOUT,
      sql: "SET lock_timeout = '2s';\nALTER TABLE docs ADD COLUMN a int;\nRESET lock_timeout;\nDROP INDEX docs_a_idx;",
      errors: [{ line: 4, column: 1, endColumn: 11 }],
    },
    {
      name: 'statement_timeout too, when the option asks for it',
      config: NO_RUNNER_TIMEOUT,
      options: { requireStatementTimeout: true },
      sql: 'TRUNCATE docs;',
      errors: [{ line: 1, column: 1, message: /no lock_timeout or statement_timeout in effect/ }],
      output: "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '15min';\nTRUNCATE docs;",
    },
  ],
});
