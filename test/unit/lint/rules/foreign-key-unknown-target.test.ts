import { foreignKeyUnknownTarget } from '../../../../src/core/lint/rules/foreign-key-unknown-target';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const DOCUMENTS = 'CREATE TABLE documents (id bigint PRIMARY KEY);\n';

ruleTester(foreignKeyUnknownTarget, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a table created earlier in the migration', sql: `${DOCUMENTS}CREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint REFERENCES documents (id));` },
    { name: 'a self-reference', sql: 'CREATE TABLE nodes (id bigint PRIMARY KEY, parent_id bigint REFERENCES nodes);' },
    { name: "a table in a schema the set does not manage (Supabase's auth.users)", sql: 'CREATE TABLE profiles (id uuid PRIMARY KEY REFERENCES auth.users (id));' },
    { name: 'a set that creates no tables at all', sql: 'ALTER TABLE chunks ADD CONSTRAINT chunks_document_fk FOREIGN KEY (document_id) REFERENCES documents (id);' },
    { name: 'a table renamed earlier', files: { '0001_a.sql': 'CREATE TABLE docs (id bigint PRIMARY KEY);', '0002_b.sql': 'ALTER TABLE docs RENAME TO documents;\nCREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint REFERENCES documents);' } },
  ],
  invalid: [
    {
      name: 'a misspelt table, with a suggestion',
      sql: `${DOCUMENTS}CREATE TABLE chunks (\n  id bigint PRIMARY KEY,\n  document_id bigint REFERENCES documnets (id)\n);`,
      errors: [{ line: 4, column: 33, endColumn: 42, message: 'no migration before this one creates documnets: this foreign key fails with relation "documnets" does not exist' }],
    },
    {
      name: 'a table created by a later migration',
      files: {
        '0001_chunks.sql': 'CREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint);\nALTER TABLE chunks ADD CONSTRAINT chunks_document_fk FOREIGN KEY (document_id) REFERENCES public.documents (id);',
        '0002_documents.sql': DOCUMENTS,
      },
      errors: [{ file: '0001_chunks.sql', line: 2, column: 91, endColumn: 107, message: 'documents is only created later, by 0002_documents.sql: this foreign key fails with relation "documents" does not exist' }],
    },
    {
      name: 'a table created later in the same migration',
      sql: `CREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint REFERENCES documents);\n${DOCUMENTS}`,
      errors: [{ line: 1, column: 75, message: /^documents is only created later, by 0001_test\.sql/ }],
    },
  ],
});
