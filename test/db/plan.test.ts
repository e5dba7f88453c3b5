// `pgvector-migrator plan` against real databases: the embedded PGlite and a PostgreSQL server
// seeded with tables of known sizes. Row counts past what a test can insert are seeded as
// statistics (pg_class.reltuples), which is what the plan reads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { describeEachDatabase, describeServerOnly, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

interface JsonPlan {
  database: Record<string, unknown>;
  migrations: { version: string; file: string; statements: JsonStatement[] }[];
  procedure: { step: number; title: string; outsideTransaction: boolean; commands: string[] }[];
  totalEstimate: { lowMs: number; highMs: number } | null;
}
interface JsonStatement {
  line: number;
  sql: string;
  locks: { relation: string; mode: string }[];
  rewrite: boolean;
  scan: boolean;
  indexBuild: null | { method: string; rows: number; memoryBytes: number | null; maintenanceWorkMemBytes: number; fits: boolean | null };
  estimate: null | { lowMs: number; highMs: number };
  risks: { id: string; severity: string; message: string }[];
}

const QUICKSTART = path.resolve(__dirname, '..', '..', '..', 'examples', 'quickstart', 'db', 'migrations');

function setup(database: TestDatabase, files: () => Record<string, string>, config: Record<string, unknown> = {}) {
  const ctx = { project: undefined as unknown as TempProject, dbArgs: [] as string[] };
  beforeEach(async () => {
    ctx.project = tempProject(files(), config);
    if (database.kind === 'server') ctx.dbArgs = ['--database-url', await serverUrlFor(ctx.project)];
    else {
      await (await database.open(ctx.project)).close();
      ctx.dbArgs = [];
    }
  });
  afterEach(async () => {
    await database.drop(ctx.project);
    ctx.project.cleanup();
  });
  const run = (...args: string[]) => cli([...args, '--dir', ctx.project.dir, ...ctx.dbArgs], { cwd: ctx.project.dir });
  return { ctx, run };
}

const quickstartFiles = () => Object.fromEntries(fs.readdirSync(QUICKSTART).map((f) => [f, fs.readFileSync(path.join(QUICKSTART, f), 'utf8')]));

describeEachDatabase('pgvector-migrator plan of the example project', (database) => {
  const { run } = setup(database, quickstartFiles, { embedding: { dimensions: 1536, distance: 'cosine' } });

  it('prints the JSON shape the CLI documents, one entry per statement without BEGIN and COMMIT', async () => {
    const r = await run('plan', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as JsonPlan;
    assert.deepEqual(Object.keys(plan), ['database', 'migrations', 'procedure', 'totalEstimate']);
    assert.deepEqual(plan.migrations.map((m) => [m.version, m.file, m.statements.length]), [
      ['0001', path.join('db', 'migrations', '0001_enable_pgvector.sql'), 1],
      ['0002', path.join('db', 'migrations', '0002_create_documents.sql'), 1],
      ['0003', path.join('db', 'migrations', '0003_create_chunks.sql'), 2],
    ]);
    const index = plan.migrations[2].statements[1];
    assert.deepEqual(Object.keys(index), ['line', 'sql', 'locks', 'rewrite', 'scan', 'indexBuild', 'estimate', 'risks']);
    assert.equal(index.line, 18);
    assert.match(index.sql, /^CREATE INDEX IF NOT EXISTS chunks_embedding_hnsw_idx/);
    assert.deepEqual(index.locks, [{ relation: 'chunks', mode: 'SHARE' }]);
    assert.deepEqual([index.rewrite, index.scan, index.indexBuild?.method, index.indexBuild?.rows, index.indexBuild?.fits], [false, true, 'hnsw', 0, true]);
    assert.deepEqual(index.risks, [], 'chunks is created earlier in the plan: empty, so the build blocks nobody');
    assert.deepEqual(Object.keys(plan.totalEstimate ?? {}), ['lowMs', 'highMs']);
  });

  it('ends with the procedure: each migration in order, the total, the verification and the roll back', async () => {
    const plan = JSON.parse((await run('plan', '--format', 'json')).stdout) as JsonPlan;
    assert.deepEqual(plan.procedure.map((p) => p.commands[0]), [
      'pgvector-migrator up --to 0001',
      'pgvector-migrator up --to 0002',
      'pgvector-migrator up --to 0003',
      'pgvector-migrator up --to 0003   # all of the above in order',
      "SELECT name, to_regclass(name) IS NOT NULL AS present FROM unnest(ARRAY['documents', 'chunks', 'chunks_embedding_hnsw_idx']) AS name;   -- every row true",
      'pgvector-migrator down --to 0',
    ]);
    assert.match(plan.procedure[0].title, /^Apply 0001_enable_pgvector.sql: in one transaction \(1 statement\)/);
  });

  it('changes nothing in the database: a plan twice, then status, shows every migration pending', async () => {
    await run('plan');
    await run('plan');
    const status = JSON.parse((await run('status', '--format', 'json')).stdout) as { state: string }[];
    assert.deepEqual(status.map((s) => s.state), ['pending', 'pending', 'pending']);
  });

  it('says so and exits 1 when every migration is applied', async () => {
    assert.equal((await run('up')).code, 0);
    const r = await run('plan');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Nothing to plan: every migration is applied\./);
  });

  it('renders Markdown for a pull request: one table of statements and the procedure', async () => {
    const r = await run('plan', '--format', 'markdown');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\| file:line \| statement \| locks \| rewrite\/scan \| estimate \| risk \|$/m);
    assert.match(r.stdout, /^\| db\/migrations\/0003_create_chunks\.sql:18 \| `CREATE INDEX IF NOT EXISTS chunks_embedding_hnsw_idx ON chu…` \| SHARE on chunks \(blocks writes\) \| hnsw build \(0 kB, fits maintenance_work_mem\) \| <10 ms at 0 rows \| — \|$/m);
    assert.match(r.stdout, /^## Procedure$/m);
  });
});

describeEachDatabase('pgvector-migrator plan of tables it creates or cannot see', (database) => {
  const { run } = setup(database, () => ({
    '0001_items.sql': migrationFile(`CREATE TABLE items (id bigint PRIMARY KEY, n int);
INSERT INTO items SELECT g, g FROM generate_series(1, 50000) g;
ALTER TABLE items ALTER COLUMN n SET NOT NULL;
ALTER TABLE nowhere ALTER COLUMN n SET NOT NULL;`, 'DROP TABLE items;'),
  }));

  it('counts a table created earlier in the plan as empty plus the rows the plan inserts, and says which table it cannot see', async () => {
    const r = await run('plan', '--format', 'json');
    const plan = JSON.parse(r.stdout) as JsonPlan;
    const [, , setNotNull, nowhere] = plan.migrations[0].statements;
    assert.deepEqual(setNotNull.locks, [{ relation: 'items', mode: 'ACCESS EXCLUSIVE' }]);
    assert.deepEqual([setNotNull.scan, setNotNull.rewrite], [true, false]);
    assert.notEqual(setNotNull.estimate, null);
    assert.deepEqual(setNotNull.risks, [], 'a table the plan creates is seen by nobody until COMMIT');
    assert.equal(nowhere.estimate, null);
    assert.deepEqual(nowhere.risks.map((x) => [x.id, x.severity]), [['plan-table-not-visible', 'warning']]);
    assert.match(nowhere.risks[0].message, /^nowhere: it is not in the database and no earlier statement of the plan creates it/);
    const text = await run('plan');
    assert.match(text.stdout, /note: items is created earlier in this plan: counted as the 50000 rows the plan inserts/);
  });
});

/** Tables of known sizes on the server; rows beyond what a test inserts are seeded as statistics. */
const SEEDED = `CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE documents (id bigint PRIMARY KEY, title text);
INSERT INTO documents SELECT g, 'doc ' || g FROM generate_series(1, 20000) g;
CREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint, body text, embedding vector(768));
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
ANALYZE documents;`;

async function seedStatistics(url: string, table: string, rows: number): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('UPDATE pg_class SET reltuples = $1, relpages = greatest(relpages, 1) WHERE oid = $2::regclass', [rows, table]);
  } finally {
    await c.end();
  }
}

describeServerOnly('pgvector-migrator plan against a seeded database', () => {
  let project: TempProject;
  let url: string;
  const run = (...args: string[]) => cli([...args, '--dir', project.dir, '--database-url', url], { cwd: project.dir });
  const json = async (...args: string[]) => {
    const r = await run('plan', '--format', 'json', ...args);
    return { code: r.code, plan: JSON.parse(r.stdout) as JsonPlan, stderr: r.stderr };
  };

  beforeEach(async () => {
    project = tempProject({ '0001_seed.sql': migrationFile(SEEDED, 'DROP TABLE documents, chunks, events;') }, { embedding: { dimensions: 768, distance: 'cosine' } });
    url = await serverUrlFor(project);
    assert.equal((await run('up')).code, 0);
    await seedStatistics(url, 'chunks', 100_000);
    await seedStatistics(url, 'events', 12_000_000);
    project.write('0002_change.sql', migrationFile(`ALTER TABLE events ADD COLUMN source text;
CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);
ALTER TABLE documents ALTER COLUMN title SET NOT NULL;`, 'DROP INDEX chunks_embedding_idx;'));
  });
  afterEach(async () => {
    const { server } = await import('../support/databases');
    await server.drop(project);
    project.cleanup();
  });

  it('orders the risks by harm and exits 1 on an error-level risk', async () => {
    const { code, plan } = await json();
    assert.equal(code, 1);
    const text = (await run('plan')).stdout;
    const order = text.slice(text.indexOf('Risks, most harmful first:')).split('\n\n')[0].split('\n').slice(1).map((l) => /\[([a-z-]+)\]/.exec(l)?.[1]);
    assert.deepEqual(order, ['plan-lock-across-rewrite', 'plan-blocking-index-build', 'plan-hnsw-memory', 'plan-large-table-unpartitioned']);
    const setNotNull = plan.migrations[0].statements[2];
    assert.match(setNotNull.risks[0].message, /^ALTER COLUMN \.\.\. SET NOT NULL holds ACCESS EXCLUSIVE on documents \(reads and writes wait\) across a full scan of 20k rows/);
  });

  it('gives HNSW the memory of its graph against maintenance_work_mem, with the setting to use when it does not fit', async () => {
    const small = (await json()).plan.migrations[0].statements[1];
    assert.equal(small.indexBuild?.rows, 100_000);
    assert.equal(small.indexBuild?.maintenanceWorkMemBytes, 64 * 2 ** 20);
    assert.equal(small.indexBuild?.fits, false);
    assert.ok(small.indexBuild!.memoryBytes! > 300 * 2 ** 20 && small.indexBuild!.memoryBytes! < 450 * 2 ** 20, String(small.indexBuild?.memoryBytes));
    assert.match(small.risks.find((r) => r.id === 'plan-hnsw-memory')!.message, /SET maintenance_work_mem = '512MB' before it/);

    const database = new URL(url).pathname.slice(1);
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`ALTER DATABASE ${database} SET maintenance_work_mem = '1GB'`);
    await c.end();
    const large = (await json()).plan.migrations[0].statements[1];
    assert.deepEqual([large.indexBuild?.fits, large.indexBuild?.maintenanceWorkMemBytes], [true, 2 ** 30]);
    assert.equal(large.risks.some((r) => r.id === 'plan-hnsw-memory'), false);
  });

  it('advises partitioning past 10 million rows, once per table, from the statistics', async () => {
    const { plan } = await json();
    const risks = plan.migrations[0].statements.flatMap((s) => s.risks).filter((r) => r.id === 'plan-large-table-unpartitioned');
    assert.deepEqual(risks.map((r) => r.message), ['events has 12.0M rows and is not partitioned: the checklist partitions tables past 10.0M rows']);
  });

  it('lets the config turn a risk off or down, like a lint rule', async () => {
    fs.writeFileSync(path.join(project.dir, 'pgvector-migrator.json'), JSON.stringify({ migrationsDir: 'db/migrations', embedding: { dimensions: 768, distance: 'cosine' }, rules: { 'plan-lock-across-rewrite': 'warning' } }));
    const { code, plan } = await json();
    assert.equal(code, 0);
    assert.deepEqual(plan.migrations[0].statements[2].risks.map((r) => [r.id, r.severity]), [['plan-lock-across-rewrite', 'warning']]);
  });
});

/** Statement -> the locks, rewrite and scan flags the plan gives it, on an existing table. */
const STATEMENT_TABLE: [sql: string, locks: string, rewrite: boolean, scan: boolean][] = [
  ['ALTER TABLE items ADD COLUMN note text', 'items ACCESS EXCLUSIVE', false, false],
  ['ALTER TABLE items ADD COLUMN score float8 DEFAULT random()', 'items ACCESS EXCLUSIVE', true, false],
  ['ALTER TABLE items ALTER COLUMN n TYPE bigint', 'items ACCESS EXCLUSIVE', true, false],
  ['ALTER TABLE items ALTER COLUMN label TYPE varchar(40)', 'items ACCESS EXCLUSIVE', false, false],
  ['ALTER TABLE items ALTER COLUMN n SET NOT NULL', 'items ACCESS EXCLUSIVE', false, true],
  ['ALTER TABLE items ADD CONSTRAINT items_n_check CHECK (n > 0) NOT VALID', 'items ACCESS EXCLUSIVE', false, false],
  ['ALTER TABLE items VALIDATE CONSTRAINT items_n_check', 'items SHARE UPDATE EXCLUSIVE', false, true],
  ['ALTER TABLE items ADD CONSTRAINT items_parent_fkey FOREIGN KEY (parent_id) REFERENCES parents (id)', 'items SHARE ROW EXCLUSIVE, parents SHARE ROW EXCLUSIVE', false, true],
  ['CREATE INDEX items_n_idx ON items (n)', 'items SHARE', false, true],
  ['ANALYZE items', 'items SHARE UPDATE EXCLUSIVE', false, false],
  ['UPDATE items SET n = n + 1', 'items ROW EXCLUSIVE', false, true],
  ['LOCK TABLE items IN SHARE MODE', 'items SHARE', false, false],
  ['DROP INDEX items_n_idx', 'items ACCESS EXCLUSIVE', false, false],
];

describeEachDatabase('the plan of each statement kind', (database) => {
  const { ctx, run } = setup(database, () => ({
    '0001_items.sql': migrationFile(`CREATE TABLE parents (id bigint PRIMARY KEY);
CREATE TABLE items (id bigint PRIMARY KEY, n int, label varchar(20), parent_id bigint);
INSERT INTO items SELECT g, g, 'x', NULL FROM generate_series(1, 100) g;`, 'DROP TABLE items, parents;'),
  }));

  it('gives each statement the locks, rewrite and scan flags of its lock table entry', async () => {
    assert.equal((await run('up')).code, 0);
    ctx.project.write('0002_statements.sql', migrationFile(STATEMENT_TABLE.map(([sql]) => `${sql};`).join('\n')));
    const plan = JSON.parse((await run('plan', '--format', 'json')).stdout) as JsonPlan;
    const got = plan.migrations[0].statements.map((s): [string, string, boolean, boolean] => [s.sql, s.locks.map((l) => `${l.relation} ${l.mode}`).join(', '), s.rewrite, s.scan]);
    assert.deepEqual(got, STATEMENT_TABLE);
  });
});

describeEachDatabase('the plan of transaction and timeout risks', (database) => {
  const { ctx, run } = setup(database, () => ({
    '0001_items.sql': migrationFile('CREATE TABLE items (id bigint PRIMARY KEY, n int);\nINSERT INTO items SELECT g, g FROM generate_series(1, 10) g;', 'DROP TABLE items;'),
  }), { lockTimeout: '0' });

  it('reports CONCURRENTLY inside the file\'s transaction and a blocking lock with no lock_timeout, and exits 1', async () => {
    assert.equal((await run('up')).code, 0);
    ctx.project.write('0002_index.sql', migrationFile('BEGIN;\nCREATE INDEX CONCURRENTLY items_n_idx ON items (n);\nALTER TABLE items ADD COLUMN note text;\nCOMMIT;'));
    const r = await run('plan', '--format', 'json');
    assert.equal(r.code, 1);
    const [index, add] = (JSON.parse(r.stdout) as JsonPlan).migrations[0].statements;
    assert.deepEqual(index.risks.map((x) => [x.id, x.severity]), [['plan-concurrently-in-transaction', 'error']]);
    assert.deepEqual(add.risks.map((x) => [x.id, x.severity]), [['plan-lock-timeout-missing', 'warning']]);
    assert.match(add.risks[0].message, /^ACCESS EXCLUSIVE on items with no lock_timeout in effect/);
  });
});
