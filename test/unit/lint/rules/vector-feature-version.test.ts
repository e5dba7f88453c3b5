import { vectorFeatureVersion } from '../../../../src/core/lint/rules/vector-feature-version';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const V06 = { pgvectorVersion: '0.6.2' };
const V07 = { pgvectorVersion: '0.7.4' };
const V04 = { pgvectorVersion: '0.4.4' };

ruleTester(vectorFeatureVersion, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a clean project on pgvector 0.5.0', config: { pgvectorVersion: '0.5.0' }, files: CLEAN_PROJECT },
    { name: 'halfvec, sparsevec and iterative scans on the default 0.8.0', sql: 'CREATE TABLE t (h halfvec(3), s sparsevec(5));\nSET hnsw.iterative_scan = relaxed_order;' },
    { name: 'halfvec on 0.7', config: V07, sql: "CREATE INDEX ON t USING hnsw ((e::halfvec(3)) halfvec_cosine_ops);\nSELECT e <+> '[1,2,3]' FROM t;" },
    { name: 'hnsw.ef_search and ivfflat.probes on 0.6', config: V06, sql: 'SET hnsw.ef_search = 100;\nSET ivfflat.probes = 10;' },
    { name: 'a version that compares numerically (0.10 > 0.8)', config: { pgvectorVersion: '0.10.0' }, sql: 'SET hnsw.iterative_scan = strict_order;' },
  ],
  invalid: [
    {
      name: 'a halfvec column on pgvector 0.6',
      config: V06,
      sql: 'CREATE TABLE chunks (\n  embedding halfvec(1536)\n);',
      errors: [{ line: 2, column: 13, endColumn: 26, message: 'the halfvec type needs pgvector 0.7.0 or later, but the project targets pgvector 0.6.2 (pgvector-migrator.json)' }],
    },
    {
      name: 'one finding per feature and statement',
      config: V06,
      sql: 'CREATE INDEX ON t USING hnsw ((e::halfvec(3)) halfvec_cosine_ops);\nCREATE INDEX ON t USING hnsw ((binary_quantize(e)::bit(3)) bit_hamming_ops);',
      errors: [
        { line: 1, column: 35, message: /^the halfvec type needs pgvector 0\.7\.0/ },
        { line: 2, column: 32, endColumn: 47, message: /^binary_quantize\(\) needs pgvector 0\.7\.0/ },
      ],
    },
    {
      name: 'iterative scans on 0.7, in SET, ALTER DATABASE and set_config',
      config: V07,
      sql: "SET hnsw.iterative_scan = relaxed_order;\nALTER DATABASE app SET ivfflat.max_probes = 100;\nSELECT set_config('hnsw.max_scan_tuples', '20000', true);",
      errors: [
        { line: 1, column: 5, endColumn: 24, message: 'the hnsw.iterative_scan setting (iterative index scans) needs pgvector 0.8.0 or later, but the project targets pgvector 0.7.4 (pgvector-migrator.json)' },
        { line: 2, column: 24, endColumn: 42 },
        { line: 3, column: 19, endColumn: 41 },
      ],
    },
    {
      name: 'HNSW on 0.4',
      config: V04,
      sql: 'CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops);',
      errors: [{ line: 1, column: 24, endColumn: 34, message: /^the hnsw index method needs pgvector 0\.5\.0/ }],
    },
    {
      name: 'the L1 and bit distance operators on 0.6',
      config: V06,
      sql: "SELECT e <+> '[1,2]' FROM t;\nSELECT b <~> b FROM t;",
      errors: [{ line: 1, column: 10, endColumn: 13 }, { line: 2, column: 10, message: /^the Hamming distance operator <~>/ }],
    },
  ],
});
