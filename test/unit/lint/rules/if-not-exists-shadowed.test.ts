import { ifNotExistsShadowed } from '../../../../src/core/lint/rules/if-not-exists-shadowed';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const CHUNKS = 'CREATE TABLE chunks (id bigint PRIMARY KEY, body text, embedding vector(3));\nCREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_l2_ops);\n';

// Two lines: orders with a named CHECK and the primary key PostgreSQL names orders_pkey.
const ORDERS = 'CREATE TABLE orders (id bigint PRIMARY KEY, qty int, customer_id bigint);\nALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0);\n';
const onDuplicate = (alter: string, handler = 'duplicate_object') => `DO $$ BEGIN ${alter}; EXCEPTION WHEN ${handler} THEN NULL; END $$;`;
const ifAbsent = (name: string, alter: string) => `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '${name}') THEN ${alter}; END IF; END $$;`;

ruleTester(ifNotExistsShadowed, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'the same index again (an idempotent re-run)', sql: CHUNKS + 'CREATE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks USING hnsw (embedding vector_l2_ops);' },
    { name: 'the same table again', sql: 'CREATE TABLE t (id bigint PRIMARY KEY, n int);\nCREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY, n integer);' },
    { name: 'an index of that name dropped first', sql: CHUNKS + 'DROP INDEX chunks_embedding_idx;\nCREATE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);' },
    { name: 'a name nothing has yet', sql: CHUNKS + 'CREATE INDEX IF NOT EXISTS chunks_body_idx ON chunks (body);' },
    { name: 'a guarded ADD CONSTRAINT of a name the table has not got yet', sql: ORDERS + onDuplicate('ALTER TABLE orders ADD CONSTRAINT orders_qty_max CHECK (qty < 100)') },
    { name: 'a guarded ADD CONSTRAINT of the same definition again', sql: ORDERS + ifAbsent('orders_qty_check', 'ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0)') },
    { name: 'a guarded ADD of the primary key PostgreSQL named, as it is', sql: ORDERS + onDuplicate('ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id)', 'duplicate_table') },
    { name: 'an ADD CONSTRAINT in a DO block without a guard (it fails loudly instead)', sql: ORDERS + 'DO $$ BEGIN ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty >= 0); END $$;' },
    {
      name: 'a name an exception-guarded block did not add, because another of its names existed and rolled it back',
      sql: ORDERS + 'DO $$ BEGIN ALTER TABLE orders ADD CONSTRAINT orders_qty_max CHECK (qty < 5); ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0); EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n'
        + onDuplicate('ALTER TABLE orders ADD CONSTRAINT orders_qty_max CHECK (qty < 9)'),
    },
    { name: 'a guarded ADD CONSTRAINT after the old one was dropped', sql: ORDERS + 'ALTER TABLE orders DROP CONSTRAINT orders_qty_check;\n' + onDuplicate('ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty >= 0)') },
  ],
  invalid: [
    {
      name: 'an index of that name with another operator class, in a later migration',
      files: { '0001_chunks.sql': CHUNKS, '0002_cosine.sql': 'CREATE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);' },
      errors: [{
        file: '0002_cosine.sql', line: 1, column: 28, endColumn: 48,
        message: 'index chunks_embedding_idx already exists (0001_chunks.sql:2) with another definition, so IF NOT EXISTS skips this statement: it indexes (embedding vector_l2_ops), this one (embedding vector_cosine_ops)',
      }],
    },
    {
      name: 'an index of that name on another column and with other options',
      sql: CHUNKS + 'CREATE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks USING hnsw (embedding vector_l2_ops) WITH (m = 32);\nCREATE UNIQUE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks (body);',
      errors: [
        { line: 3, column: 28, message: /its options differ \(none vs m = 32\)$/ },
        { line: 4, column: 35, message: /it uses hnsw, this one btree; it indexes \(embedding vector_l2_ops\), this one \(body\); this one is unique, it is not$/ },
      ],
    },
    {
      name: 'a table of that name with other columns',
      sql: 'CREATE TABLE docs (id bigint PRIMARY KEY, title varchar(100));\nCREATE TABLE IF NOT EXISTS docs (id bigint PRIMARY KEY, title text, embedding vector(3));',
      errors: [{ line: 2, column: 28, endColumn: 32, message: /^table docs already exists \(0001_test\.sql:1\) with another definition, so IF NOT EXISTS skips this statement: the existing table has no column embedding; title is varchar\(100\) there, text here$/ }],
    },
    {
      name: 'a CHECK of that name with another expression, added in a DO block with an exception handler',
      sql: ORDERS + 'DO $$\nBEGIN\n  ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty >= 0);\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND $$;',
      errors: [{
        line: 5, column: 37, endColumn: 53,
        message: "constraint orders_qty_check of orders already exists (0001_test.sql:2) with another definition, so the DO block's exception handler skips this ADD CONSTRAINT: it is CHECK (qty > 0), this one CHECK (qty >= 0)",
      }],
    },
    {
      name: 'a foreign key of that name to another table, behind IF NOT EXISTS over pg_constraint, in a later migration',
      files: {
        '0001_orders.sql': ORDERS + 'CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE accounts (id bigint PRIMARY KEY);\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n',
        '0002_accounts.sql': ifAbsent('orders_customer_fk', 'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES accounts (id) ON DELETE CASCADE'),
      },
      errors: [{
        file: '0002_accounts.sql', line: 1, column: 133, endColumn: 151,
        message: "constraint orders_customer_fk of orders already exists (0001_orders.sql:5) with another definition, so the DO block's IF NOT EXISTS skips this ADD CONSTRAINT: it is FOREIGN KEY (customer_id) REFERENCES customers (id), this one FOREIGN KEY (customer_id) REFERENCES accounts (id) ON DELETE CASCADE",
      }],
    },
    {
      name: 'the primary key PostgreSQL named, added again on other columns under a WHEN others handler',
      sql: ORDERS + onDuplicate('ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id, qty)', 'others'),
      errors: [{ line: 3, column: 47, endColumn: 58, message: /^constraint orders_pkey of orders already exists \(0001_test\.sql:1\) with another definition, .*: it is PRIMARY KEY \(id\), this one PRIMARY KEY \(id, qty\)$/ }],
    },
    {
      name: 'a constraint an earlier guarded DO block added, added again with another definition on a later line of a block',
      sql: ORDERS + onDuplicate('ALTER TABLE orders ADD CONSTRAINT orders_qty_max CHECK (qty < 100)') + '\nDO $$\nBEGIN\n  ALTER TABLE orders ADD CONSTRAINT orders_id_check CHECK (id > 0);\n  ALTER TABLE orders ADD CONSTRAINT orders_qty_max UNIQUE (qty);\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND $$;',
      errors: [{ line: 7, column: 37, endColumn: 51, message: /^constraint orders_qty_max of orders already exists \(0001_test\.sql:3\) .*: it is CHECK \(qty < 100\), this one UNIQUE \(qty\)$/ }],
    },
  ],
});
