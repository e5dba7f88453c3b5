import { vacuumFullOrCluster } from '../../../../src/core/lint/rules/vacuum-full-or-cluster';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(vacuumFullOrCluster, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'plain VACUUM and VACUUM ANALYZE', sql: 'VACUUM chunks;\nVACUUM (ANALYZE) chunks;\nVACUUM (FULL false) chunks;' },
    { name: 'CLUSTER of a table created in the same migration', sql: 'CREATE TABLE t (a int);\nCLUSTER t USING t_a_idx;' },
  ],
  invalid: [
    {
      name: 'VACUUM FULL on an existing table',
      sql: 'VACUUM FULL chunks;',
      errors: [{ line: 1, column: 1, endColumn: 19, message: 'VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes' }],
      output: null,
    },
    {
      name: 'CLUSTER, and VACUUM (FULL) of the whole database',
      sql: 'CLUSTER chunks USING chunks_pkey;\nVACUUM (FULL, VERBOSE);',
      errors: [{ line: 1, column: 1, message: /^CLUSTER/ }, { line: 2, column: 1, message: /^VACUUM FULL/ }],
    },
  ],
});
