import { transactionUnbalanced } from '../../../../src/core/lint/rules/transaction-unbalanced';
import { ruleTester } from '../rule-tester';

ruleTester(transactionUnbalanced, {
  valid: [
    'CREATE TABLE a (id int);',
    'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;',
    'START TRANSACTION;\nCREATE TABLE a (id int);\nEND;',
    'BEGIN;\nSAVEPOINT s;\nCREATE TABLE a (id int);\nROLLBACK TO SAVEPOINT s;\nRELEASE SAVEPOINT s;\nCOMMIT;',
    'BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nROLLBACK;',
    '-- UP Migration\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n-- DOWN Migration\nBEGIN;\nDROP TABLE a;\nCOMMIT;',
    "DO $$ BEGIN COMMIT; END $$;",
  ],
  invalid: [
    {
      name: 'a COMMIT with no BEGIN, at the COMMIT',
      sql: 'CREATE TABLE a (id int);\nCOMMIT;',
      errors: [{ line: 2, column: 1, endColumn: 7, message: 'COMMIT with no BEGIN before it in the UP section' }],
      output: 'CREATE TABLE a (id int);\n',
    },
    {
      name: 'a second COMMIT after the transaction ended',
      sql: 'BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;\nCOMMIT;',
      errors: [{ line: 5, column: 1 }],
    },
    {
      name: 'a ROLLBACK TO SAVEPOINT outside a transaction',
      sql: 'SAVEPOINT s;\nROLLBACK TO SAVEPOINT s;',
      errors: [{ line: 2, column: 1, message: /outside a transaction block/ }],
    },
    {
      name: 'an END in the DOWN section with no BEGIN there',
      sql: '-- UP Migration\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n-- DOWN Migration\nDROP TABLE a;\nend;',
      errors: [{ line: 7, column: 1, endColumn: 4, message: 'END with no BEGIN before it in the DOWN section' }],
    },
  ],
});
