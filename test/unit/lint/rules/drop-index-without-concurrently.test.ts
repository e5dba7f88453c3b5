import { dropIndexWithoutConcurrently } from '../../../../src/core/lint/rules/drop-index-without-concurrently';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(dropIndexWithoutConcurrently, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'DROP INDEX CONCURRENTLY after the COMMIT', sql: 'BEGIN;\nALTER TABLE docs ADD COLUMN a int;\nCOMMIT;\nDROP INDEX CONCURRENTLY IF EXISTS docs_b_idx;' },
    { name: 'dropping an index created earlier in the same migration', sql: 'CREATE INDEX tmp_idx ON docs (a);\nDROP INDEX tmp_idx;' },
    { name: 'DROP INDEX in the DOWN section', sql: '-- UP Migration\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON docs (a);\n\n-- DOWN Migration\nDROP INDEX i;\n' },
  ],
  invalid: [
    {
      name: 'DROP INDEX inside BEGIN ... COMMIT, moved out with CONCURRENTLY and IF EXISTS',
      sql: 'BEGIN;\nDROP INDEX docs_title_idx;\nALTER TABLE docs DROP COLUMN IF EXISTS legacy;\nCOMMIT;\n',
      errors: [{ line: 2, column: 1, endColumn: 11, message: 'DROP INDEX docs_title_idx without CONCURRENTLY blocks reads and writes on its table' }],
      output: 'BEGIN;\nALTER TABLE docs DROP COLUMN IF EXISTS legacy;\nCOMMIT;\nDROP INDEX CONCURRENTLY IF EXISTS docs_title_idx;\n',
    },
    {
      name: 'DROP INDEX IF EXISTS in a file without BEGIN, fixed in place',
      sql: 'DROP INDEX IF EXISTS public.docs_title_idx;',
      errors: [{ line: 1, column: 1, endColumn: 11 }],
      output: 'DROP INDEX CONCURRENTLY IF EXISTS public.docs_title_idx;',
    },
    {
      name: 'two indexes, or CASCADE: no automatic fix',
      sql: 'DROP INDEX a_idx, b_idx;\nDROP INDEX c_idx CASCADE;',
      errors: [{ line: 1, column: 1, message: /a_idx, b_idx/ }, { line: 2, column: 1 }],
      output: null,
    },
  ],
});
