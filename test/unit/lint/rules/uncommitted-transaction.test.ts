import { uncommittedTransaction } from '../../../../src/core/lint/rules/uncommitted-transaction';
import { ruleTester } from '../rule-tester';

ruleTester(uncommittedTransaction, {
  valid: [
    'CREATE TABLE a (id int);',
    'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;',
    'BEGIN;\nCREATE TABLE a (id int);\nROLLBACK;',
    '-- UP Migration\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nDROP TABLE a;\nCOMMIT;\n',
  ],
  invalid: [
    {
      name: 'a BEGIN never committed, at the BEGIN, with a fix that adds COMMIT',
      sql: 'BEGIN;\nCREATE TABLE a (id int);\n',
      errors: [{ line: 1, column: 1, endColumn: 6, message: /never committed: the UP section ends with the transaction open/ }],
      output: 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n',
    },
    {
      name: 'an UP section that runs into the DOWN marker with its transaction open',
      sql: '-- UP Migration\nBEGIN;\nCREATE TABLE a (id int);\n\n-- DOWN Migration\nBEGIN;\nDROP TABLE a;\nCOMMIT;\n',
      errors: [{ line: 2, column: 1 }],
      output: '-- UP Migration\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nDROP TABLE a;\nCOMMIT;\n',
    },
    {
      name: 'a transaction left open after an earlier one was committed',
      sql: 'BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;',
      errors: [{ line: 4, column: 1 }],
      output: 'BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;\n',
    },
  ],
});
