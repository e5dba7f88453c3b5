import { transactionNesting } from '../../../../src/core/lint/rules/transaction-nesting';
import { ruleTester } from '../rule-tester';

ruleTester(transactionNesting, {
  valid: [
    'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;',
    'BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;',
    'BEGIN;\nSAVEPOINT inner_work;\nSELECT 1;\nRELEASE SAVEPOINT inner_work;\nCOMMIT;',
    "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END $$;",
  ],
  invalid: [
    {
      name: 'a BEGIN inside an open transaction, at the inner BEGIN',
      sql: 'BEGIN;\nCREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;\nCOMMIT;',
      errors: [{ line: 3, column: 1, endColumn: 6, message: /already open/ }],
    },
    {
      name: 'a START TRANSACTION after BEGIN',
      sql: 'BEGIN;\n  START TRANSACTION;\nCOMMIT;',
      errors: [{ line: 2, column: 3, endColumn: 8, message: /^START inside a transaction/ }],
    },
  ],
});
