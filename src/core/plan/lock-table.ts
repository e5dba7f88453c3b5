// The one table of what each statement kind locks and does to its table, keyed by statement kind
// and the options that change it (CONCURRENTLY, NOT VALID, a volatile default...). The modes are
// PostgreSQL's documented lock levels; test/db/plan-lock-table.test.ts runs every entry on a real
// server and reads pg_locks, so this table cannot drift from what PostgreSQL does.
import type { LockMode } from './lock-modes';

export interface LockEntry {
  /** Statement kind and option: 'alter-table.set-not-null', 'create-index.concurrently'. */
  id: string;
  /** The statement as a reader knows it. */
  statement: string;
  /** The strongest lock on the relation the statement names; null: no lock beyond ACCESS SHARE on any existing table. */
  mode: LockMode | null;
  /** The lock on a second table: the one a foreign key references, the partition attached. */
  other?: LockMode;
  /** Copies every row into new storage (the table's relfilenode changes). */
  rewrite: boolean;
  /** Reads every row while holding the lock (a validation, an UPDATE without index). */
  scan: boolean;
  /** Builds an index: reads every row and sorts (B-tree) or builds a graph (HNSW). */
  indexBuild: boolean;
  /** PostgreSQL refuses it inside a transaction block. */
  outsideTransaction: boolean;
  /** Gives the table new, empty storage without copying (TRUNCATE): instant, but the relfilenode changes. */
  newStorage?: boolean;
}

type Flags = Partial<Pick<LockEntry, 'other' | 'rewrite' | 'scan' | 'indexBuild' | 'outsideTransaction' | 'newStorage'>>;

function entry(id: string, statement: string, mode: LockMode | null, flags: Flags = {}): LockEntry {
  return { id, statement, mode, rewrite: false, scan: false, indexBuild: false, outsideTransaction: false, ...flags };
}

const AE = 'ACCESS EXCLUSIVE';
const SUE = 'SHARE UPDATE EXCLUSIVE';
const SRE = 'SHARE ROW EXCLUSIVE';

export const LOCK_TABLE: readonly LockEntry[] = [
  entry('create-table', 'CREATE TABLE', null),
  entry('create-table.references', 'CREATE TABLE ... REFERENCES an existing table', null, { other: SRE }),
  entry('create-table-as', 'CREATE TABLE ... AS / SELECT INTO', null),
  entry('create-index', 'CREATE INDEX', 'SHARE', { indexBuild: true }),
  entry('create-index.concurrently', 'CREATE INDEX CONCURRENTLY', SUE, { indexBuild: true, outsideTransaction: true }),
  entry('drop-index', 'DROP INDEX', AE),
  entry('drop-index.concurrently', 'DROP INDEX CONCURRENTLY', SUE, { outsideTransaction: true }),
  entry('reindex', 'REINDEX INDEX / TABLE', 'SHARE', { indexBuild: true }),
  entry('reindex.concurrently', 'REINDEX ... CONCURRENTLY', SUE, { indexBuild: true, outsideTransaction: true }),
  entry('drop-table', 'DROP TABLE / VIEW / MATERIALIZED VIEW', AE),
  entry('truncate', 'TRUNCATE', AE, { newStorage: true }),
  entry('insert', 'INSERT / COPY FROM / MERGE', 'ROW EXCLUSIVE'),
  entry('update', 'UPDATE / DELETE', 'ROW EXCLUSIVE', { scan: true }),
  entry('select', 'SELECT', 'ACCESS SHARE', { scan: true }),
  entry('lock-table', 'LOCK TABLE (ACCESS EXCLUSIVE unless IN ... MODE says otherwise)', AE),
  entry('vacuum', 'VACUUM', SUE, { scan: true, outsideTransaction: true }),
  entry('vacuum.full', 'VACUUM FULL', AE, { rewrite: true, outsideTransaction: true }),
  entry('analyze', 'ANALYZE (reads a sample of rows)', SUE),
  entry('cluster', 'CLUSTER', AE, { rewrite: true }),
  entry('refresh-materialized-view', 'REFRESH MATERIALIZED VIEW', AE, { rewrite: true }),
  entry('refresh-materialized-view.concurrently', 'REFRESH MATERIALIZED VIEW CONCURRENTLY', 'EXCLUSIVE', { scan: true }),
  entry('create-trigger', 'CREATE TRIGGER', SRE),
  entry('create-policy', 'CREATE POLICY', AE),
  entry('rename', 'ALTER TABLE ... RENAME (table, column, constraint)', AE),
  entry('rename-index', 'ALTER INDEX ... RENAME', SUE),
  entry('set-schema', 'ALTER TABLE ... SET SCHEMA', AE),
  entry('alter-domain.add-constraint', 'ALTER DOMAIN ... ADD CONSTRAINT (checks every column of the domain)', null, { other: 'SHARE', scan: true }),
  entry('alter-domain.add-constraint.not-valid', 'ALTER DOMAIN ... ADD CONSTRAINT ... NOT VALID', null),
  entry('catalog', 'CREATE EXTENSION / SCHEMA / TYPE / FUNCTION / VIEW / SEQUENCE, ALTER TYPE, COMMENT, SET ...', null),
  entry('alter-table.add-column', 'ADD COLUMN (no default, or one default for every row)', AE),
  entry('alter-table.add-column.rewrite', 'ADD COLUMN with a volatile default, serial, identity or stored generated column', AE, { rewrite: true }),
  entry('alter-table.drop-column', 'DROP COLUMN', AE),
  entry('alter-table.alter-column-type', 'ALTER COLUMN ... TYPE', AE, { rewrite: true }),
  entry('alter-table.alter-column-type.catalog', 'ALTER COLUMN ... TYPE, binary coercible (longer varchar, varchar to text)', AE),
  entry('alter-table.set-not-null', 'ALTER COLUMN ... SET NOT NULL', AE, { scan: true }),
  entry('alter-table.drop-not-null', 'ALTER COLUMN ... DROP NOT NULL', AE),
  entry('alter-table.column-default', 'ALTER COLUMN ... SET / DROP DEFAULT', AE),
  entry('alter-table.add-check', 'ADD CONSTRAINT ... CHECK', AE, { scan: true }),
  entry('alter-table.add-check.not-valid', 'ADD CONSTRAINT ... CHECK ... NOT VALID', AE),
  entry('alter-table.add-foreign-key', 'ADD CONSTRAINT ... FOREIGN KEY', SRE, { other: SRE, scan: true }),
  entry('alter-table.add-foreign-key.not-valid', 'ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID', SRE, { other: SRE }),
  entry('alter-table.add-unique', 'ADD PRIMARY KEY / UNIQUE (builds the index)', AE, { indexBuild: true }),
  entry('alter-table.add-constraint-using-index', 'ADD PRIMARY KEY / UNIQUE USING INDEX', AE),
  entry('alter-table.validate-constraint', 'VALIDATE CONSTRAINT', SUE, { scan: true }),
  entry('alter-table.drop-constraint', 'DROP CONSTRAINT', AE),
  entry('alter-table.set-statistics', 'ALTER COLUMN ... SET STATISTICS', SUE),
  entry('alter-table.set-column-options', 'ALTER COLUMN ... SET / RESET (n_distinct, ...)', SUE),
  entry('alter-table.set-storage-parameters', 'SET / RESET (fillfactor, autovacuum_*, ...)', SUE),
  entry('alter-table.cluster-on', 'CLUSTER ON / SET WITHOUT CLUSTER', SUE),
  entry('alter-table.set-compression', 'ALTER COLUMN ... SET COMPRESSION', AE),
  entry('alter-table.set-access-method', 'SET ACCESS METHOD', AE, { rewrite: true }),
  entry('alter-table.identity', 'ADD / SET / DROP IDENTITY', AE),
  entry('alter-table.trigger', 'ENABLE / DISABLE TRIGGER', SRE),
  entry('alter-table.attach-partition', 'ATTACH PARTITION (scans the partition unless a constraint proves it)', SUE, { other: AE, scan: true }),
  entry('alter-table.detach-partition', 'DETACH PARTITION', AE, { other: AE }),
  entry('alter-table.detach-partition.concurrently', 'DETACH PARTITION ... CONCURRENTLY', SUE, { outsideTransaction: true }),
  entry('alter-table.other', 'any other ALTER TABLE action (OWNER TO, REPLICA IDENTITY, ...)', AE),
];

const BY_ID = new Map(LOCK_TABLE.map((e) => [e.id, e]));

export function lockEntry(id: string): LockEntry {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`no lock table entry "${id}"`);
  return found;
}
