import { vectorMissingDimensions } from '../../../../src/core/lint/rules/vector-missing-dimensions';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(vectorMissingDimensions, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE TABLE t (embedding vector(1536), half halfvec(1536), sparse sparsevec(30522));',
    { name: 'a bit column without a length (bit(1) by definition)', sql: 'CREATE TABLE t (flag bit);' },
    { name: 'a cast without dimensions in a query', sql: "SELECT '[1,2,3]'::vector <=> '[3,2,1]'::vector;" },
    { name: 'dimensions set later in the same migration', sql: 'CREATE TABLE t (id bigint PRIMARY KEY, e vector);\nALTER TABLE t ALTER COLUMN e TYPE vector(3);' },
    { name: 'a column named vector of another type', sql: 'CREATE TABLE t (vector text);' },
  ],
  invalid: [
    {
      name: 'a vector column without dimensions, fixed with the configured size',
      config: { embedding: { dimensions: 1536, distance: 'cosine' } },
      sql: 'CREATE TABLE chunks (\n  id bigint PRIMARY KEY,\n  embedding vector NOT NULL\n);',
      errors: [{ line: 3, column: 13, endColumn: 19, message: 'embedding is vector without dimensions: it accepts vectors of any size and cannot be indexed' }],
      output: 'CREATE TABLE chunks (\n  id bigint PRIMARY KEY,\n  embedding vector(1536) NOT NULL\n);',
    },
    {
      name: 'halfvec added by ALTER TABLE, and a retyped column',
      config: { embedding: { dimensions: 768, distance: 'cosine' } },
      sql: 'ALTER TABLE chunks ADD COLUMN e halfvec;\nALTER TABLE chunks ALTER COLUMN e TYPE vector;',
      errors: [{ line: 1, column: 33, endColumn: 40 }, { line: 2, column: 40, endColumn: 46 }],
      output: 'ALTER TABLE chunks ADD COLUMN e halfvec(768);\nALTER TABLE chunks ALTER COLUMN e TYPE vector(768);',
    },
    {
      name: 'a vector column without dimensions and no configured size, with no size to guess',
      sql: 'CREATE TABLE t (embedding vector);',
      errors: [{ line: 1, column: 27, endColumn: 33 }],
      output: null,
    },
    {
      name: 'a sparsevec without dimensions, with no fix to guess',
      sql: 'CREATE TABLE t (sparse sparsevec);',
      errors: [{ line: 1, column: 24, endColumn: 33 }],
      output: null,
    },
    {
      name: 'a schema-qualified type',
      config: { embedding: { dimensions: 1536, distance: 'cosine' } },
      sql: 'CREATE TABLE t (embedding extensions.vector);',
      errors: [{ line: 1, column: 27, endColumn: 44 }],
      output: 'CREATE TABLE t (embedding extensions.vector(1536));',
    },
  ],
});
