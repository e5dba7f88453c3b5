import { detachPartitionWithoutConcurrently } from '../../../../src/core/lint/rules/detach-partition-without-concurrently';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(detachPartitionWithoutConcurrently, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'DETACH PARTITION ... CONCURRENTLY', sql: 'ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;' },
    { name: 'DETACH on a table created in the same migration', sql: 'CREATE TABLE p (a int) PARTITION BY RANGE (a);\nALTER TABLE p DETACH PARTITION p1;' },
    { name: 'DETACH before PostgreSQL 14', config: { postgresVersion: 13 }, sql: 'ALTER TABLE events DETACH PARTITION events_2024;' },
  ],
  invalid: [
    {
      name: 'DETACH PARTITION inside a transaction, moved after the COMMIT',
      sql: 'BEGIN;\nALTER TABLE events DETACH PARTITION events_2024;\nCOMMIT;\n',
      errors: [{ line: 2, column: 20, endColumn: 48, message: /DETACH PARTITION without CONCURRENTLY locks all of events with ACCESS EXCLUSIVE/ }],
      output: 'BEGIN;\nCOMMIT;\nALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;\n',
    },
  ],
});
