import { constraintWithoutNotValid } from '../../../../src/core/lint/rules/constraint-without-not-valid';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(constraintWithoutNotValid, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a CHECK on a table created in the same migration', sql: 'BEGIN;\nCREATE TABLE t (age int);\nALTER TABLE t ADD CONSTRAINT age_ok CHECK (age >= 0);\nCOMMIT;' },
    { name: 'a FOREIGN KEY added NOT VALID and validated after the COMMIT', sql: 'BEGIN;\nALTER TABLE chunks ADD CONSTRAINT fk FOREIGN KEY (doc_id) REFERENCES docs (id) NOT VALID;\nCOMMIT;\nALTER TABLE chunks VALIDATE CONSTRAINT fk;' },
    { name: 'a CHECK validated in a later migration', files: { '0001_a.sql': 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n', '0002_b.sql': 'ALTER TABLE t VALIDATE CONSTRAINT c;\n' } },
    { name: 'a UNIQUE constraint (no NOT VALID form)', sql: 'ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX t_a_key;' },
    { name: 'a nullable column without constraints', sql: 'ALTER TABLE t ADD COLUMN doc_id bigint;' },
  ],
  invalid: [
    {
      name: 'a FOREIGN KEY without NOT VALID, fixed with NOT VALID and a VALIDATE after the COMMIT',
      sql: 'BEGIN;\nALTER TABLE chunks ADD CONSTRAINT fk FOREIGN KEY (doc_id) REFERENCES docs (id);\nCOMMIT;\n',
      errors: [{ line: 2, column: 20, endColumn: 79, message: /adding FOREIGN KEY constraint fk to existing table chunks checks every row while blocking writes/ }],
      output: 'BEGIN;\nALTER TABLE chunks ADD CONSTRAINT fk FOREIGN KEY (doc_id) REFERENCES docs (id) NOT VALID;\nCOMMIT;\nALTER TABLE chunks VALIDATE CONSTRAINT fk;\n',
    },
    {
      name: 'an unnamed CHECK in a file without BEGIN: NOT VALID only',
      sql: 'ALTER TABLE public.docs ADD CHECK (length(title) < 500);',
      errors: [{ line: 1, column: 25, message: /adding CHECK constraint to existing table public.docs checks every row while blocking reads and writes/ }],
      output: 'ALTER TABLE public.docs ADD CHECK (length(title) < 500) NOT VALID;',
    },
    {
      name: 'inline REFERENCES and CHECK on a new column',
      sql: 'ALTER TABLE chunks ADD COLUMN doc_id bigint REFERENCES docs (id);\nALTER TABLE chunks ADD COLUMN n int CHECK (n > 0);',
      errors: [{ line: 1, column: 45, message: /inline REFERENCES constraint/ }, { line: 2, column: 37, message: /inline CHECK constraint/ }],
      output: null,
    },
    {
      name: 'VALIDATE in the same transaction as the ADD NOT VALID, moved after the COMMIT',
      sql: 'BEGIN;\nALTER TABLE chunks ADD CONSTRAINT fk FOREIGN KEY (doc_id) REFERENCES docs (id) NOT VALID;\nALTER TABLE chunks VALIDATE CONSTRAINT fk;\nCOMMIT;\n',
      errors: [{ line: 3, column: 20, endColumn: 42, message: /constraint fk is validated in the same transaction that added it NOT VALID/ }],
      output: 'BEGIN;\nALTER TABLE chunks ADD CONSTRAINT fk FOREIGN KEY (doc_id) REFERENCES docs (id) NOT VALID;\nCOMMIT;\nALTER TABLE chunks VALIDATE CONSTRAINT fk;\n',
    },
  ],
});
