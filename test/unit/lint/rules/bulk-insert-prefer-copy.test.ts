import { bulkInsertPreferCopy } from '../../../../src/core/lint/rules/bulk-insert-prefer-copy';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const rows = (n: number) => Array.from({ length: n }, (_, i) => `(${i}, 'v${i}')`).join(',\n');

ruleTester(bulkInsertPreferCopy, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a small reference-data INSERT (99 rows)', sql: `INSERT INTO kinds (id, name) VALUES\n${rows(99)};` },
    { name: 'an INSERT ... SELECT', sql: 'INSERT INTO t (a) SELECT g FROM generate_series(1, 100000) g;' },
    { name: 'a big INSERT in the DOWN section', sql: `-- UP Migration\nSELECT 1;\n\n-- DOWN Migration\nINSERT INTO kinds (id, name) VALUES\n${rows(150)};\n` },
  ],
  invalid: [
    {
      name: 'an INSERT of 100 rows as VALUES',
      sql: `BEGIN;\nINSERT INTO kinds (id, name) VALUES\n${rows(100)};\nCOMMIT;`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 36, severity: 'info', message: /INSERT of 100 rows into kinds as VALUES \(threshold 100\)/ }],
      output: null,
    },
    {
      name: 'an INSERT over a lower threshold from the options',
      options: { threshold: 3 },
      sql: `INSERT INTO kinds VALUES ${rows(3).replace(/\n/g, ' ')};`,
      errors: [{ line: 1, column: 1, message: /threshold 3/ }],
    },
  ],
});
