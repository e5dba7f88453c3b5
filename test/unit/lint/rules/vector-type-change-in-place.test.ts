import { vectorTypeChangeInPlace } from '../../../../src/core/lint/rules/vector-type-change-in-place';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const CHUNKS = 'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(1536));\n';

ruleTester(vectorTypeChangeInPlace, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a column created and retyped in the same migration (no rows yet)', sql: `${CHUNKS}ALTER TABLE chunks ALTER COLUMN embedding TYPE vector(3072);` },
    { name: 'a change of type that keeps the size (vector to halfvec)', files: { '0001_chunks.sql': CHUNKS, '0002_half.sql': 'ALTER TABLE chunks ALTER COLUMN embedding TYPE halfvec(1536);' } },
    { name: 'a column without dimensions given its first', files: { '0001_t.sql': 'CREATE TABLE t (embedding vector);', '0002_dims.sql': 'ALTER TABLE t ALTER COLUMN embedding TYPE vector(1536);' } },
    { name: 'another column type', files: { '0001_chunks.sql': CHUNKS, '0002_id.sql': 'ALTER TABLE chunks ALTER COLUMN id TYPE numeric;' } },
  ],
  invalid: [
    {
      name: 'a larger model in place, at the new type',
      files: { '0001_chunks.sql': CHUNKS, '0002_large.sql': 'ALTER TABLE chunks\n  ALTER COLUMN embedding TYPE vector(3072);' },
      errors: [{
        file: '0002_large.sql', line: 2, column: 31, endColumn: 43,
        message: 'chunks.embedding holds vector(1536) embeddings: changing it to vector(3072) in place fails on every existing row, or rewrites the table under an ACCESS EXCLUSIVE lock with USING',
      }],
      output: null,
    },
    {
      name: 'a halfvec of another size with USING',
      files: { '0001_chunks.sql': CHUNKS, '0002_half.sql': 'ALTER TABLE chunks ALTER COLUMN embedding TYPE halfvec(768) USING NULL;' },
      errors: [{ file: '0002_half.sql', line: 1, column: 48, endColumn: 60 }],
    },
  ],
});
