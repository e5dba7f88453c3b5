import { headerMismatch } from '../../../../src/core/lint/rules/header-mismatch';
import { ruleTester } from '../rule-tester';

const BODY = '\n-- UP Migration\nSELECT 1;\n';

ruleTester(headerMismatch, {
  valid: [
    { name: 'the file\'s own name', files: { '0003_create_chunks.sql': `-- Migration: 0003_create_chunks.sql${BODY}` } },
    { name: 'the name without .sql', files: { '0003_create_chunks.sql': `-- Migration: 0003_create_chunks${BODY}` } },
    { name: 'no Migration field (missing-header reports that)', files: { '0003_create_chunks.sql': `-- Description: x${BODY}` } },
  ],
  invalid: [
    {
      name: 'a header copied from another migration, at the value, with a fix',
      files: { '0003_create_chunks.sql': `-- Migration: 0002_create_documents.sql${BODY}` },
      errors: [{ line: 1, column: 15, endColumn: 40, message: 'the header says Migration: 0002_create_documents.sql, but this file is 0003_create_chunks.sql' }],
      output: `-- Migration: 0003_create_chunks.sql${BODY}`,
    },
  ],
});
