import { updateWithoutWhere } from '../../../../src/core/lint/rules/update-without-where';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(updateWithoutWhere, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'an UPDATE with a WHERE clause', sql: "UPDATE docs SET lang = 'en' WHERE lang IS NULL;" },
    { name: 'an UPDATE of a table created in the same migration', sql: 'CREATE TABLE t (a int, b int);\nINSERT INTO t SELECT id, 0 FROM docs;\nUPDATE t SET b = a * 2;' },
    { name: 'an UPDATE ... FROM with its join in WHERE', sql: 'UPDATE chunks c SET doc_title = d.title FROM docs d WHERE d.id = c.doc_id;' },
  ],
  invalid: [
    {
      name: 'an UPDATE without WHERE in UP',
      sql: "BEGIN;\nUPDATE docs SET lang = 'en';\nCOMMIT;",
      errors: [{ line: 2, column: 1, endColumn: 12, message: 'UPDATE without WHERE rewrites every row of docs in one transaction, locking them all' }],
      output: null,
    },
    {
      name: 'an UPDATE without WHERE in DOWN, on a qualified table',
      sql: '-- UP Migration\nALTER TABLE docs ADD COLUMN a int;\n\n-- DOWN Migration\nUPDATE public.docs AS d SET title = upper(title);\n',
      errors: [{ line: 5, column: 1, endColumn: 19 }],
    },
  ],
});
