import { fileNameConvention } from '../../../../src/core/lint/rules/file-name-convention';
import { ruleTester } from '../rule-tester';

const UP = '-- UP Migration\nSELECT 1;\n';

ruleTester(fileNameConvention, {
  valid: [
    { name: 'snake_case names with versions of one width', files: { '0001_create_documents.sql': UP, '0002_add_chunks_v2.sql': UP } },
    { name: 'timestamp versions', files: { '20260101120000_create_documents.sql': '-- migrate:up\nSELECT 1;\n' } },
    { name: 'Flyway descriptions', files: { 'V1__Create_documents.sql': 'SELECT 1;', 'V2__Add_chunks.sql': 'SELECT 1;' } },
    { name: 'kebab-case names in a folder of plain files (Supabase, hand-written sets)', files: { '20240101000000_create-documents.sql': 'SELECT 1;', '20240102000000_Add_Chunks.sql': 'SELECT 1;' } },
    { name: 'dbmate names kept as typed', files: { '20260101120000_create-documents.sql': '-- migrate:up\nSELECT 1;\n' } },
    { name: 'golang-migrate names kept as typed', files: { '000001_createDocuments.up.sql': 'SELECT 1;', '000001_createDocuments.down.sql': 'SELECT 1;' } },
  ],
  invalid: [
    {
      name: 'a .sql file the layout cannot place',
      files: { '0001_create_documents.sql': UP, 'seed.sql': 'INSERT INTO t VALUES (1);' },
      errors: [{ file: 'seed.sql', line: 1, column: 1, message: /^seed\.sql does not follow the default layout's file names; the runner skips it$/ }],
    },
    {
      name: 'a name in camelCase',
      files: { '0001_createDocuments.sql': UP },
      errors: [{ line: 1, column: 1, endColumn: 16, message: '0001_createDocuments.sql: "createDocuments" is not snake_case' }],
    },
    {
      name: 'a kebab-case name in our own layout, with the snake_case name to use',
      files: { '0001_create-documents.sql': UP },
      errors: [{ line: 1, column: 1, message: '0001_create-documents.sql: "create-documents" is not snake_case' }],
    },
    {
      name: 'a version narrower than the others in a folder of plain files',
      files: { '0001_a.sql': 'SELECT 1;', '0002_b.sql': 'SELECT 1;', '3_c-d.sql': 'SELECT 1;' },
      errors: [{ file: '3_c-d.sql', line: 1, column: 1, message: '3_c-d.sql: version 3 has 1 digits where the other migrations have 4' }],
    },
    {
      name: 'a version narrower than the others',
      files: { '0001_a.sql': UP, '0002_b.sql': UP, '3_c.sql': UP },
      errors: [{ file: '3_c.sql', line: 1, column: 1, message: '3_c.sql: version 3 has 1 digits where the other migrations have 4' }],
    },
  ],
});
