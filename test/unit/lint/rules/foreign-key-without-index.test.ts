import { foreignKeyWithoutIndex } from '../../../../src/core/lint/rules/foreign-key-without-index';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const DOCUMENTS = 'CREATE TABLE documents (id bigint PRIMARY KEY);\n';
const CHUNKS = 'CREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint REFERENCES documents (id));';

ruleTester(foreignKeyWithoutIndex, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'an index created in a later migration', files: { '0001_a.sql': `${DOCUMENTS}${CHUNKS}`, '0002_b.sql': 'CREATE INDEX CONCURRENTLY chunks_document_id_idx ON chunks (document_id);' } },
    { name: 'a composite index led by the column', sql: `${DOCUMENTS}${CHUNKS}\nCREATE INDEX ON chunks (document_id, id);` },
    { name: 'a primary key led by the foreign key', sql: `${DOCUMENTS}CREATE TABLE chunk_tags (chunk_id bigint REFERENCES documents, tag text, PRIMARY KEY (chunk_id, tag));` },
    { name: 'a unique constraint on the columns in another order', sql: 'CREATE TABLE p (a bigint, b bigint, PRIMARY KEY (a, b));\nCREATE TABLE c (id bigint PRIMARY KEY, x bigint, y bigint, UNIQUE (y, x), FOREIGN KEY (x, y) REFERENCES p (a, b));' },
    { name: 'a foreign key dropped later', sql: `${DOCUMENTS}${CHUNKS}\nALTER TABLE chunks DROP COLUMN document_id;` },
  ],
  invalid: [
    {
      name: 'a column REFERENCES without an index, fixed by creating one',
      sql: `${DOCUMENTS}${CHUNKS}`,
      errors: [{ line: 2, column: 45, endColumn: 56, message: 'foreign key chunks (document_id) has no index: deleting or updating a row of documents scans all of chunks' }],
      output: `${DOCUMENTS}${CHUNKS}\nCREATE INDEX chunks_document_id_idx ON chunks (document_id);`,
    },
    {
      name: 'an index led by another column, and a partial index',
      sql: `${DOCUMENTS}${CHUNKS}\nCREATE INDEX ON chunks (id, document_id);\nCREATE INDEX ON chunks (document_id) WHERE id > 0;`,
      errors: [{ line: 2, column: 45 }],
    },
    {
      name: 'a composite FOREIGN KEY added by ALTER TABLE, at FOREIGN KEY (...)',
      sql: 'CREATE TABLE p (a bigint, b bigint, PRIMARY KEY (a, b));\nCREATE TABLE c (id bigint PRIMARY KEY, x bigint, y bigint);\nCREATE INDEX ON c (x);\nALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (x, y) REFERENCES p (a, b);',
      errors: [{ line: 4, column: 37, endColumn: 55, message: 'foreign key c (x, y) has no index: deleting or updating a row of p scans all of c' }],
      output: 'CREATE TABLE p (a bigint, b bigint, PRIMARY KEY (a, b));\nCREATE TABLE c (id bigint PRIMARY KEY, x bigint, y bigint);\nCREATE INDEX ON c (x);\nALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (x, y) REFERENCES p (a, b);\nCREATE INDEX c_x_y_idx ON c (x, y);',
    },
  ],
});
