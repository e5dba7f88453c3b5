import { missingHeader } from '../../../../src/core/lint/rules/missing-header';
import { ruleTester } from '../rule-tester';

const BODY = '-- UP Migration\nCREATE TABLE a (id int);\n\n-- DOWN Migration\nDROP TABLE a;\n';
const FULL = `-- Migration: 0001_a.sql\n-- Description: table a\n-- Dependencies: none\n-- Author: dev\n-- Date: 2026-01-05\n\n${BODY}`;
const today = new Date().toISOString().slice(0, 10);

ruleTester(missingHeader, {
  valid: [
    { name: 'a complete header', files: { '0001_a.sql': FULL } },
    { name: 'a plain (UP-only) set, which has no header convention', files: { '0001_a.sql': 'CREATE TABLE a (id int);\n' } },
    { name: 'only the fields the config requires', files: { '0001_a.sql': `-- Migration: 0001_a.sql\n-- Description: x\n\n${BODY}` }, options: { required: ['migration', 'description'] } },
  ],
  invalid: [
    {
      name: 'a file with no header, with a fix that adds one',
      files: { '0001_a.sql': BODY },
      errors: [{ line: 1, column: 1, endColumn: 16, message: '0001_a.sql has no header' }],
      output: `-- Migration: 0001_a.sql\n-- Description: TODO\n-- Dependencies: none\n-- Author: TODO\n-- Date: ${today}\n\n${BODY}`,
    },
    {
      name: 'a header without Author and Date, with a fix that adds them',
      files: { '0001_a.sql': `-- Migration: 0001_a.sql\n-- Description: table a\n-- Dependencies: none\n\n${BODY}` },
      errors: [{ line: 1, column: 1, message: 'the header has no Author, Date fields' }],
      output: `-- Migration: 0001_a.sql\n-- Description: table a\n-- Dependencies: none\n-- Author: TODO\n-- Date: ${today}\n\n${BODY}`,
    },
    {
      name: 'an empty Description',
      files: { '0001_a.sql': FULL.replace('-- Description: table a', '-- Description:') },
      errors: [{ line: 2, column: 1, endColumn: 16, message: "the header's Description field is empty" }],
    },
  ],
});
