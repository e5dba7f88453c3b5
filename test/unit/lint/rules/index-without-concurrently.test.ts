import { indexWithoutConcurrently } from '../../../../src/core/lint/rules/index-without-concurrently';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const CREATE_DOCS = `-- UP Migration
BEGIN;
CREATE TABLE docs (id bigint PRIMARY KEY, title text);
COMMIT;

-- DOWN Migration
DROP TABLE docs;
`;

ruleTester(indexWithoutConcurrently, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'an index on a table created earlier in the same migration', sql: 'BEGIN;\nCREATE TABLE t (a int);\nCREATE INDEX t_a_idx ON t (a);\nCOMMIT;' },
    { name: 'an index built CONCURRENTLY after the COMMIT', sql: 'BEGIN;\nALTER TABLE docs ADD COLUMN a int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS docs_a_idx ON docs (a);' },
    { name: 'an index on a table created and renamed in the same migration', sql: 'CREATE TABLE t_new (a int);\nALTER TABLE t_new RENAME TO t;\nCREATE INDEX ON t (a);' },
    {
      name: 'an index in the DOWN section',
      files: { '0001_docs.sql': CREATE_DOCS, '0002_idx.sql': '-- UP Migration\nSELECT 1;\n\n-- DOWN Migration\nCREATE INDEX docs_title_idx ON docs (title);\n' },
    },
    {
      name: 'an index ON ONLY a partitioned parent (it holds no rows)',
      files: {
        '0001_events.sql': 'CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);\n',
        '0002_idx.sql': 'CREATE INDEX events_at_idx ON ONLY events (at);\n',
      },
    },
  ],
  invalid: [
    {
      name: 'an index on a table created by an earlier migration, moved after the COMMIT',
      files: {
        '0001_docs.sql': CREATE_DOCS,
        '0002_idx.sql': '-- UP Migration\nBEGIN;\nCREATE INDEX docs_title_idx ON docs (title);\nCOMMIT;\n',
      },
      errors: [{ file: '0002_idx.sql', line: 3, column: 1, endColumn: 13, message: /existing table docs without CONCURRENTLY/ }],
    },
    {
      name: 'a unique index inside BEGIN ... COMMIT, fixed by moving it out',
      sql: 'BEGIN;\nCREATE UNIQUE INDEX docs_title_key ON docs (title);\nALTER TABLE docs ADD COLUMN b int;\nCOMMIT;\n',
      errors: [{ line: 2, column: 1, endColumn: 20 }],
      output: 'BEGIN;\nALTER TABLE docs ADD COLUMN b int;\nCOMMIT;\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS docs_title_key ON docs (title);\n',
    },
    {
      name: 'two indexes keep their order when both are moved',
      sql: 'BEGIN;\nCREATE INDEX a_idx ON docs (a);\nCREATE INDEX b_idx ON docs (b);\nCOMMIT;',
      errors: [{ line: 2, column: 1 }, { line: 3, column: 1 }],
    },
    {
      name: 'an unnamed index in a file without BEGIN, fixed in place',
      sql: 'ALTER TABLE docs ADD COLUMN a int;\nCREATE INDEX ON public.docs USING hnsw (embedding vector_cosine_ops);',
      errors: [{ line: 2, column: 1, endColumn: 13 }],
      output: 'ALTER TABLE docs ADD COLUMN a int;\nCREATE INDEX CONCURRENTLY ON public.docs USING hnsw (embedding vector_cosine_ops);',
    },
    {
      name: 'an index on an existing partitioned table, with no fix (CONCURRENTLY is refused there)',
      files: {
        '0001_events.sql': 'CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);\n',
        '0002_idx.sql': 'CREATE INDEX events_at_idx ON events (at);\n',
      },
      errors: [{ file: '0002_idx.sql', line: 1, column: 1, endColumn: 13, message: /existing partitioned table events/ }],
    },
    {
      name: 'an index in a dbmate file, fixed with transaction:false on the marker',
      sql: '-- migrate:up\nCREATE INDEX docs_a_idx ON docs (a);\n\n-- migrate:down\nDROP INDEX docs_a_idx;\n',
      errors: [{ line: 2, column: 1, endColumn: 13 }],
      output: '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY IF NOT EXISTS docs_a_idx ON docs (a);\n\n-- migrate:down\nDROP INDEX docs_a_idx;\n',
    },
    {
      name: 'an index with IF NOT EXISTS on a table the set does not create (it predates the migrations)',
      sql: 'CREATE INDEX IF NOT EXISTS docs_a_idx ON docs (a);',
      errors: [{ line: 1, column: 1, endColumn: 13 }],
      output: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS docs_a_idx ON docs (a);',
    },
  ],
});
