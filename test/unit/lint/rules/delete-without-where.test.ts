import { deleteWithoutWhere } from '../../../../src/core/lint/rules/delete-without-where';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(deleteWithoutWhere, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a DELETE with a WHERE clause', sql: "DELETE FROM docs WHERE lang = 'xx';" },
    { name: 'a DELETE ... USING with its join in WHERE', sql: 'DELETE FROM chunks c USING docs d WHERE d.id = c.doc_id AND d.deleted;' },
    { name: 'a DELETE of a staging table created in the same migration', sql: 'CREATE TABLE staging (a int);\nDELETE FROM staging;' },
    { name: 'a TRUNCATE (an explicit choice to empty the table)', sql: 'TRUNCATE docs;' },
  ],
  invalid: [
    {
      name: 'a DELETE without WHERE in UP',
      sql: 'BEGIN;\nDELETE FROM docs;\nCOMMIT;',
      errors: [{ line: 2, column: 1, endColumn: 17, message: 'DELETE without WHERE removes every row of docs' }],
      output: null,
    },
    {
      name: 'a DELETE without WHERE in DOWN',
      sql: "-- UP Migration\nINSERT INTO settings (k) VALUES ('a');\n\n-- DOWN Migration\nDELETE FROM app.settings;\n",
      errors: [{ line: 5, column: 1, endColumn: 25, message: /app.settings/ }],
    },
  ],
});
