// The lock table checked against PostgreSQL itself (the method eugene uses): each entry's example
// runs on the real server inside a transaction that is rolled back, and the locks its backend
// holds (pg_locks) and the table's relfilenode (changed by a rewrite) must be what the table says.
// Statements that cannot run in a transaction are queued behind a lock held by a second session:
// the mode they wait for is the mode they take.
import * as assert from 'node:assert/strict';
import { Client } from 'pg';
import { LOCK_TABLE, LockEntry } from '../../src/core/plan/lock-table';
import { LockMode, modeFromPgLocks, strongerMode } from '../../src/core/plan/lock-modes';
import { targetMode } from '../../src/core/plan/statement-locks';
import { ensureParser } from '../../src/core/sql/parser';
import { SERVER_URL, describeServerOnly } from '../support/databases';
import { classifySql } from '../support/plan';

interface Example {
  setup?: string;
  sql: string;
  /** The relation the entry's mode is about (default t). */
  target?: string;
  /** The relation of the entry's `other` lock (default r). */
  other?: string;
}

const T = `CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10), embedding vector(3));
INSERT INTO t SELECT g, g, 'x', '[1,2,3]' FROM generate_series(1, 50) g;`;
const R = 'CREATE TABLE r (id int PRIMARY KEY); INSERT INTO r SELECT g FROM generate_series(1, 50) g;';

export const LOCK_EXAMPLES: Record<string, Example> = {
  'create-table': { sql: 'CREATE TABLE t (id int)' },
  'create-table.references': { setup: R, sql: 'CREATE TABLE t (id int, r_id int REFERENCES r (id))' },
  'create-table-as': { setup: R, sql: 'CREATE TABLE t AS SELECT * FROM r' },
  'create-index': { setup: T, sql: 'CREATE INDEX t_a_idx ON t (a)' },
  'create-index.concurrently': { setup: T, sql: 'CREATE INDEX CONCURRENTLY t_a_idx ON t (a)' },
  'drop-index': { setup: `${T} CREATE INDEX t_a_idx ON t (a);`, sql: 'DROP INDEX t_a_idx' },
  'drop-index.concurrently': { setup: `${T} CREATE INDEX t_a_idx ON t (a);`, sql: 'DROP INDEX CONCURRENTLY t_a_idx' },
  reindex: { setup: T, sql: 'REINDEX TABLE t' },
  'reindex.concurrently': { setup: T, sql: 'REINDEX TABLE CONCURRENTLY t' },
  'drop-table': { setup: T, sql: 'DROP TABLE t' },
  truncate: { setup: T, sql: 'TRUNCATE t' },
  insert: { setup: T, sql: "INSERT INTO t VALUES (100, 1, 'y', '[1,1,1]')" },
  update: { setup: T, sql: 'UPDATE t SET a = a + 1' },
  select: { setup: T, sql: 'SELECT count(*) FROM t' },
  'lock-table': { setup: T, sql: 'LOCK TABLE t' },
  vacuum: { setup: T, sql: 'VACUUM t' },
  'vacuum.full': { setup: T, sql: 'VACUUM FULL t' },
  analyze: { setup: T, sql: 'ANALYZE t' },
  cluster: { setup: `${T} CREATE INDEX t_a_idx ON t (a);`, sql: 'CLUSTER t USING t_a_idx' },
  'refresh-materialized-view': { setup: `${R} CREATE MATERIALIZED VIEW t AS SELECT * FROM r;`, sql: 'REFRESH MATERIALIZED VIEW t' },
  'refresh-materialized-view.concurrently': { setup: `${R} CREATE MATERIALIZED VIEW t AS SELECT * FROM r; CREATE UNIQUE INDEX ON t (id);`, sql: 'REFRESH MATERIALIZED VIEW CONCURRENTLY t' },
  'create-trigger': { setup: `${T} CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';`, sql: 'CREATE TRIGGER t_f BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()' },
  'create-policy': { setup: T, sql: 'CREATE POLICY p ON t USING (a > 0)' },
  rename: { setup: T, sql: 'ALTER TABLE t RENAME COLUMN a TO a2' },
  'rename-index': { setup: `${T} CREATE INDEX t_a_idx ON t (a);`, sql: 'ALTER INDEX t_a_idx RENAME TO t_a_idx2', target: 't_a_idx' },
  'set-schema': { setup: `${T} CREATE SCHEMA IF NOT EXISTS elsewhere;`, sql: 'ALTER TABLE t SET SCHEMA elsewhere' },
  'alter-domain.add-constraint': { setup: 'CREATE DOMAIN pos AS int; CREATE TABLE r (v pos); INSERT INTO r VALUES (1);', sql: 'ALTER DOMAIN pos ADD CONSTRAINT pos_check CHECK (VALUE > 0)' },
  'alter-domain.add-constraint.not-valid': { setup: 'CREATE DOMAIN pos AS int; CREATE TABLE t (v pos); INSERT INTO t VALUES (1);', sql: 'ALTER DOMAIN pos ADD CONSTRAINT pos_check CHECK (VALUE > 0) NOT VALID' },
  catalog: { setup: T, sql: 'CREATE VIEW v AS SELECT * FROM t' },
  'alter-table.add-column': { setup: T, sql: "ALTER TABLE t ADD COLUMN c text DEFAULT 'x'" },
  'alter-table.add-column.rewrite': { setup: T, sql: 'ALTER TABLE t ADD COLUMN c double precision DEFAULT random()' },
  'alter-table.drop-column': { setup: T, sql: 'ALTER TABLE t DROP COLUMN b' },
  'alter-table.alter-column-type': { setup: T, sql: 'ALTER TABLE t ALTER COLUMN a TYPE bigint' },
  'alter-table.alter-column-type.catalog': { setup: T, sql: 'ALTER TABLE t ALTER COLUMN b TYPE varchar(20)' },
  'alter-table.set-not-null': { setup: T, sql: 'ALTER TABLE t ALTER COLUMN a SET NOT NULL' },
  'alter-table.drop-not-null': { setup: `${T} ALTER TABLE t ALTER COLUMN a SET NOT NULL;`, sql: 'ALTER TABLE t ALTER COLUMN a DROP NOT NULL' },
  'alter-table.column-default': { setup: T, sql: 'ALTER TABLE t ALTER COLUMN a SET DEFAULT 0' },
  'alter-table.add-check': { setup: T, sql: 'ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0)' },
  'alter-table.add-check.not-valid': { setup: T, sql: 'ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID' },
  'alter-table.add-foreign-key': { setup: `${T} ${R}`, sql: 'ALTER TABLE t ADD CONSTRAINT t_a_fkey FOREIGN KEY (a) REFERENCES r (id)' },
  'alter-table.add-foreign-key.not-valid': { setup: `${T} ${R}`, sql: 'ALTER TABLE t ADD CONSTRAINT t_a_fkey FOREIGN KEY (a) REFERENCES r (id) NOT VALID' },
  'alter-table.add-unique': { setup: T, sql: 'ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a)' },
  'alter-table.add-constraint-using-index': { setup: `${T} CREATE UNIQUE INDEX t_a_key ON t (a);`, sql: 'ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_key' },
  'alter-table.validate-constraint': { setup: `${T} ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID;`, sql: 'ALTER TABLE t VALIDATE CONSTRAINT t_a_check' },
  'alter-table.drop-constraint': { setup: `${T} ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);`, sql: 'ALTER TABLE t DROP CONSTRAINT t_a_check' },
  'alter-table.set-statistics': { setup: T, sql: 'ALTER TABLE t ALTER COLUMN a SET STATISTICS 500' },
  'alter-table.set-column-options': { setup: T, sql: 'ALTER TABLE t ALTER COLUMN a SET (n_distinct = 10)' },
  'alter-table.set-storage-parameters': { setup: T, sql: 'ALTER TABLE t SET (autovacuum_vacuum_scale_factor = 0.01)' },
  'alter-table.cluster-on': { setup: `${T} CREATE INDEX t_a_idx ON t (a);`, sql: 'ALTER TABLE t CLUSTER ON t_a_idx' },
  'alter-table.set-compression': { setup: T, sql: 'ALTER TABLE t ALTER COLUMN b SET COMPRESSION pglz' },
  'alter-table.set-access-method': { setup: `${T} CREATE ACCESS METHOD heap_copy TYPE TABLE HANDLER heap_tableam_handler;`, sql: 'ALTER TABLE t SET ACCESS METHOD heap_copy' },
  'alter-table.identity': { setup: `${T} ALTER TABLE t ALTER COLUMN a SET NOT NULL;`, sql: 'ALTER TABLE t ALTER COLUMN a ADD GENERATED BY DEFAULT AS IDENTITY' },
  'alter-table.trigger': { setup: `${T} CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'; CREATE TRIGGER t_f BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();`, sql: 'ALTER TABLE t DISABLE TRIGGER t_f' },
  'alter-table.attach-partition': { setup: 'CREATE TABLE t (id int) PARTITION BY RANGE (id); CREATE TABLE r (id int); INSERT INTO r VALUES (1);', sql: 'ALTER TABLE t ATTACH PARTITION r FOR VALUES FROM (0) TO (100)' },
  'alter-table.detach-partition': { setup: 'CREATE TABLE t (id int) PARTITION BY RANGE (id); CREATE TABLE r PARTITION OF t FOR VALUES FROM (0) TO (100);', sql: 'ALTER TABLE t DETACH PARTITION r' },
  'alter-table.detach-partition.concurrently': { setup: 'CREATE TABLE t (id int) PARTITION BY RANGE (id); CREATE TABLE r PARTITION OF t FOR VALUES FROM (0) TO (100);', sql: 'ALTER TABLE t DETACH PARTITION r CONCURRENTLY' },
  'alter-table.other': { setup: T, sql: 'ALTER TABLE t REPLICA IDENTITY FULL' },
};

interface Observed {
  /** Strongest mode held (or waited for) per relation name. */
  modes: Map<string, LockMode>;
  relfilenodeChanged: boolean;
}

/** Relations by the oid they had before the statement: a DROP or RENAME must not hide its locks. */
const LOCKS_OF = `SELECT w.name AS relname, l.mode FROM pg_locks l JOIN unnest($2::text[], $3::oid[]) AS w(name, oid) ON w.oid = l.relation
  WHERE l.locktype = 'relation' AND l.pid = $1`;
const OIDS = `SELECT coalesce(to_regclass(name)::oid, 0) AS oid FROM unnest($1::text[]) AS name`;
const RELFILENODE = `SELECT relfilenode FROM pg_class WHERE oid = to_regclass($1)`;

function strongest(rows: { relname: string; mode: string }[]): Map<string, LockMode> {
  const out = new Map<string, LockMode>();
  for (const row of rows) {
    const mode = modeFromPgLocks(row.mode);
    if (mode) out.set(row.relname, out.has(row.relname) ? strongerMode(out.get(row.relname)!, mode) : mode);
  }
  return out;
}

async function oidsOf(c: Client, watched: string[]): Promise<number[]> {
  return (await c.query(OIDS, [watched])).rows.map((r) => Number(r.oid));
}

async function relfilenode(c: Client, name: string): Promise<string | null> {
  return (await c.query(RELFILENODE, [name])).rows[0]?.relfilenode ?? null;
}

/** Inside a transaction that is rolled back: the locks its own backend holds after the statement. */
async function observeInTransaction(c: Client, example: Example, watched: string[]): Promise<Observed> {
  const target = example.target ?? 't';
  await c.query('BEGIN');
  try {
    const before = await relfilenode(c, target);
    const oids = await oidsOf(c, watched);
    await c.query(example.sql);
    const pid = (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const modes = strongest((await c.query(LOCKS_OF, [pid, watched, oids])).rows);
    const after = await relfilenode(c, target);
    return { modes, relfilenodeChanged: before !== null && after !== null && before !== after };
  } finally {
    await c.query('ROLLBACK');
  }
}

/**
 * Outside a transaction: queued behind a second session's SHARE UPDATE EXCLUSIVE (the weakest mode
 * these statements conflict with, so that the ACCESS SHARE VACUUM takes to look the table up is
 * granted), the mode it waits for.
 */
async function observeQueued(c: Client, blocker: Client, example: Example, watched: string[]): Promise<Observed> {
  const target = example.target ?? 't';
  const before = await relfilenode(c, target);
  const oids = await oidsOf(c, watched);
  const pid = (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  await blocker.query('BEGIN');
  await blocker.query(`LOCK TABLE ${target} IN SHARE UPDATE EXCLUSIVE MODE`);
  const running = c.query(example.sql);
  let rows: { relname: string; mode: string; granted: boolean }[] = [];
  for (let i = 0; i < 200 && !rows.some((r) => !r.granted); i++) {
    rows = (await blocker.query(LOCKS_OF.replace('l.mode', 'l.mode, l.granted'), [pid, watched, oids])).rows;
    if (!rows.some((r) => !r.granted)) await new Promise((r) => setTimeout(r, 25));
  }
  await blocker.query('ROLLBACK');
  await running;
  const after = await relfilenode(c, target);
  return { modes: strongest(rows), relfilenodeChanged: before !== null && after !== null && before !== after };
}

function expectedModes(entry: LockEntry, example: Example): Map<string, LockMode | null> {
  const out = new Map<string, LockMode | null>([[example.target ?? 't', entry.mode]]);
  if (entry.other) out.set(example.other ?? 'r', entry.other);
  return out;
}

/** A null mode means: nothing stronger than ACCESS SHARE on an existing table. */
function sameLock(expected: LockMode | null, observed: LockMode | undefined): boolean {
  return expected === null ? observed === undefined || observed === 'ACCESS SHARE' : observed === expected;
}

describe('the lock table', () => {
  before(ensureParser);

  it('has an example for every entry, and each example is classified as its entry', () => {
    assert.deepEqual(LOCK_TABLE.map((e) => e.id).filter((id) => !LOCK_EXAMPLES[id]), []);
    assert.deepEqual(Object.keys(LOCK_EXAMPLES).filter((id) => !LOCK_TABLE.some((e) => e.id === id)), []);
    const misclassified = Object.entries(LOCK_EXAMPLES)
      .map(([id, ex]) => [id, classifySql(ex.setup ?? '', ex.sql).targets.map((t) => t.entry.id).join(',')])
      .filter(([id, got]) => got !== id);
    assert.deepEqual(misclassified, []);
  });

  it('takes, on the target relation, the mode LOCK TABLE asks for', () => {
    const locks = classifySql(T, 'LOCK TABLE t IN SHARE MODE');
    assert.deepEqual(locks.targets.map(targetMode), ['SHARE']);
  });
});

describeServerOnly('the lock table against PostgreSQL', () => {
  let c: Client;
  let blocker: Client;
  let database: string;

  before(async () => {
    database = `pgvm_locks_${process.pid}`;
    const admin = new Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(SERVER_URL!);
    url.pathname = `/${database}`;
    c = new Client({ connectionString: url.toString() });
    blocker = new Client({ connectionString: url.toString() });
    await c.connect();
    await blocker.connect();
    await c.query('CREATE EXTENSION IF NOT EXISTS vector');
  });

  after(async () => {
    await c?.end();
    await blocker?.end();
    const admin = new Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  LOCK_TABLE.forEach((entry, i) => {
    it(`${entry.id}: ${entry.statement} takes ${entry.mode ?? 'no table lock'}${entry.other ? ` and ${entry.other} on the other table` : ''}${entry.rewrite ? ', rewriting the table' : ''}`, async () => {
      const example = LOCK_EXAMPLES[entry.id];
      const schema = `lock_example_${i}`;
      for (const session of [c, blocker]) await session.query(`SET search_path = ${schema}, public`);
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      if (example.setup) await c.query(example.setup);
      const expected = expectedModes(entry, example);
      const watched = [...expected.keys()];
      const observed = entry.outsideTransaction ? await observeQueued(c, blocker, example, watched) : await observeInTransaction(c, example, watched);
      for (const [relation, mode] of expected) {
        assert.ok(sameLock(mode, observed.modes.get(relation)), `${relation}: expected ${mode ?? 'at most ACCESS SHARE'}, PostgreSQL took ${observed.modes.get(relation) ?? 'no lock'}`);
      }
      if (!entry.outsideTransaction || entry.rewrite) {
        assert.equal(observed.relfilenodeChanged, entry.rewrite || Boolean(entry.newStorage), 'relfilenode change (a rewrite)');
      }
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
    });
  });
});
