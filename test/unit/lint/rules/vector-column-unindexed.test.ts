import { vectorColumnUnindexed } from '../../../../src/core/lint/rules/vector-column-unindexed';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const TABLE = 'CREATE TABLE documents (id bigint PRIMARY KEY, content text, embedding vector(3));\n';
const MATCH_SQL = `CREATE FUNCTION match_documents(query_embedding vector(3), match_count int)
RETURNS SETOF documents LANGUAGE sql STABLE AS $$
  SELECT * FROM documents d ORDER BY d.embedding <=> query_embedding LIMIT match_count
$$;
`;
const MATCH_PLPGSQL = `CREATE OR REPLACE FUNCTION match_documents(query_embedding vector(3))
RETURNS TABLE (id bigint, similarity float) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT documents.id, 1 - (documents.embedding <=> query_embedding) FROM documents ORDER BY documents.embedding <=> query_embedding LIMIT 5;
END;
$$;
`;

ruleTester(vectorColumnUnindexed, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a SQL function served by an HNSW cosine index', sql: TABLE + 'CREATE INDEX ON documents USING hnsw (embedding vector_cosine_ops);\n' + MATCH_SQL },
    { name: 'an index created by a later migration', files: { '0001_t.sql': TABLE + MATCH_SQL, '0002_idx.sql': 'CREATE INDEX docs_idx ON documents USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);' } },
    { name: 'an L2 search served by the default operator class', sql: TABLE + 'CREATE INDEX ON documents USING hnsw (embedding);\nCREATE VIEW nearest AS SELECT id FROM documents ORDER BY embedding <-> \'[1,2,3]\' LIMIT 10;' },
    { name: 'a column the migrations do not create', sql: MATCH_SQL },
    { name: 'a halfvec expression index with the cosine class', sql: TABLE + 'CREATE INDEX ON documents USING hnsw ((embedding::halfvec(3)) halfvec_cosine_ops);\n' + MATCH_SQL },
    { name: 'a function that orders by something else', sql: TABLE + 'CREATE FUNCTION recent() RETURNS SETOF documents LANGUAGE sql AS $$ SELECT * FROM documents ORDER BY id DESC $$;' },
  ],
  invalid: [
    {
      name: 'a SQL function ordering by cosine with no index on the column',
      sql: TABLE + MATCH_SQL,
      errors: [{ line: 4, column: 38, endColumn: 49, message: 'function match_documents orders documents.embedding by cosine distance (<=>), but no HNSW or IVFFlat index on it serves that distance by the end of the migrations' }],
    },
    {
      name: 'a plpgsql RETURN QUERY next to an index of another distance',
      sql: TABLE + 'CREATE INDEX ON documents USING hnsw (embedding vector_l2_ops);\n' + MATCH_PLPGSQL,
      errors: [{ line: 6, column: 107, endColumn: 126 }],
    },
    {
      name: 'a view ordering by inner product',
      sql: TABLE + "CREATE VIEW nearest_docs AS SELECT id FROM documents AS d ORDER BY d.embedding <#> '[1,0,0]' LIMIT 10;",
      errors: [{ line: 2, column: 68, endColumn: 79, message: /^view nearest_docs orders documents\.embedding by inner product \(<#>\)/ }],
    },
    {
      name: 'an index dropped by a later migration',
      files: { '0001_t.sql': TABLE + 'CREATE INDEX docs_idx ON documents USING hnsw (embedding vector_cosine_ops);\n' + MATCH_SQL, '0002_drop.sql': 'DROP INDEX docs_idx;' },
      errors: [{ file: '0001_t.sql', line: 5, column: 38 }],
    },
  ],
});
