import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { loadProject } from '../../src/core/config/config';
import { checkArchitecture, ScratchPool, SchemaFinding } from '../../src/core/schema';
import { cli } from '../support/cli';
import { SERVER_URL } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A copy of a project folder in a temporary directory, without local database state. */
function copyProject(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-schema-'));
  fs.cpSync(source, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.pgvector-migrator`) });
  return dir;
}

/** What a user sees of a finding: file name, line:column, rule and message. */
function seen(f: SchemaFinding): [string, string, string, string] {
  return [path.basename(f.file), `${f.line}:${f.column}`, f.rule, f.message];
}

function writeSpec(project: TempProject, markdown: string): void {
  fs.mkdirSync(path.join(project.dir, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(project.dir, 'docs', 'ARCHITECTURE_V2.md'), markdown);
}

const sql = (text: string) => `\`\`\`sql\n${text}\n\`\`\`\n`;
const VECTOR = migrationFile('CREATE EXTENSION IF NOT EXISTS vector;', 'DROP EXTENSION IF EXISTS vector;');

describe('checking the schema against the architecture spec [embedded PGlite, in memory]', function () {
  this.timeout(120000);
  let pool: ScratchPool;
  const cleanups: (() => void)[] = [];

  before(async () => {
    pool = new ScratchPool();
    await pool.warm();
  });
  after(async () => {
    await pool.dispose();
    for (const c of cleanups) c();
  });

  const check = (dir: string) => checkArchitecture(loadProject(dir), { pool });
  const project = (files: Record<string, string>, config: Record<string, unknown> = {}) => {
    const p = tempProject(files, config);
    cleanups.push(() => p.cleanup());
    return p;
  };

  it('finds each kind of drift at the line that needs the change', async () => {
    const dir = copyProject(path.join(ROOT, 'test/fixtures/schema/drift'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const findings = await check(dir);
    const expected: [string, string, string, RegExp][] = [
      ['0003_create_chunks.sql', '12:5', 'architecture-drift', /^column chunks\.embedding differs from the spec: vector\(768\) has 768 dimensions, the spec says 1536 \(vector\(1536\)\) \(spec: docs\/ARCHITECTURE_V2\.md:22\)$/],
      ['0003_create_chunks.sql', '15:67', 'architecture-drift', /^index chunks_embedding_idx on chunks differs from the spec: operator class vector_l2_ops, the spec says vector_cosine_ops/],
      ['ARCHITECTURE_V2.md', '8:14', 'architecture-drift', /^the spec has table collections; the migrations do not create it$/],
      ['ARCHITECTURE_V2.md', '20:44', 'architecture-drift', /^the spec has the constraint FOREIGN KEY \(document_id\) REFERENCES documents\(id\) ON DELETE CASCADE on chunks; the migrations do not create it$/],
      ['ARCHITECTURE_V2.md', '25:14', 'architecture-drift', /^the spec has index chunks_document_id_idx on chunks \(btree \(document_id\)\); the migrations do not create it$/],
      ['ARCHITECTURE_V2.md', '37:1', 'query-pattern-unindexed', /^this query reads chunks without an index: the operator <=> does not match the index's vector_l2_ops \(chunks_embedding_idx serves <->\)\nplan: Limit → Sort \(Sort Key: embedding <=> \$1\) → Seq Scan on chunks$/],
      ['ARCHITECTURE_V2.md', '41:1', 'query-pattern-unindexed', /^this query reads documents without an index: the filter column title has no index/],
    ];
    assert.equal(findings.length, expected.length, findings.map((f) => seen(f).join(' ')).join('\n'));
    expected.forEach(([file, at, rule, message], i) => {
      const [f, a, r, m] = seen(findings[i]);
      assert.deepEqual([f, a, r], [file, at, rule], `finding ${i}: ${m}`);
      assert.match(m, message);
    });
    assert.equal(findings[5].detail, 'Limit\n  -> Sort (Sort Key: embedding <=> $1)\n    -> Seq Scan on chunks');
  });

  it('reports nothing for the quickstart example, whose spec its migrations follow', async () => {
    const dir = copyProject(path.join(ROOT, 'examples/quickstart'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    assert.deepEqual((await check(dir)).map(seen), []);
  });

  it('says in one info finding how to add a spec when there is none', async () => {
    const p = project({ '0001_enable_vector.sql': VECTOR });
    const findings = await check(p.dir);
    assert.deepEqual(findings.map((f) => [path.basename(f.file), f.severity, f.rule]), [['pgvector-migrator.json', 'info', 'architecture-drift']]);
    assert.match(findings[0].message, /^no architecture spec at docs\/ARCHITECTURE_V2\.md \(looked for .*docs\/ARCHITECTURE_V2\.md\): the migrations were applied/);
    assert.match(findings[0].help ?? '', /add docs\/ARCHITECTURE_V2\.md with the target schema in ```sql blocks/);
  });

  it('still applies every migration without a spec, and reports the first that fails', async () => {
    const p = project({ '0001_enable_vector.sql': VECTOR, '0002_broken.sql': migrationFile('CREATE TABLE notes (id bigint PRIMARY KEY);\nALTER TABLE nowhere ADD COLUMN x int;') });
    const findings = await check(p.dir);
    assert.deepEqual(findings.map((f) => seen(f).slice(0, 3)), [['0002_broken.sql', '9:1', 'scratch-apply-failed'], ['pgvector-migrator.json', '1:1', 'architecture-drift']].sort());
    assert.match(findings.find((f) => f.rule === 'scratch-apply-failed')!.message, /^statement 2 of UP fails on a scratch database built by the migrations before it: relation "nowhere" does not exist \(SQLSTATE 42P01\)$/);
  });

  it('plans the searches the migrations define when there is no spec, at the ORDER BY of the one no index serves', async () => {
    const p = project({
      '0001_enable_vector.sql': VECTOR,
      '0002_documents.sql': migrationFile(`CREATE TABLE documents (id bigint PRIMARY KEY, embedding vector(3));
CREATE TABLE notes (id bigint PRIMARY KEY, embedding vector(3));
CREATE INDEX ON notes USING hnsw (embedding vector_cosine_ops);
CREATE FUNCTION match_documents(query_embedding vector(3), match_count int) RETURNS SETOF documents LANGUAGE sql STABLE
  AS $$ SELECT * FROM documents ORDER BY documents.embedding <=> query_embedding LIMIT match_count $$;
CREATE VIEW nearest_notes AS SELECT id FROM notes ORDER BY embedding <=> '[1,0,0]' LIMIT 5;`),
    });
    const findings = await check(p.dir);
    assert.deepEqual(findings.map((f) => seen(f).slice(0, 3)), [['0002_documents.sql', '12:42', 'query-pattern-unindexed'], ['pgvector-migrator.json', '1:1', 'architecture-drift']]);
    assert.match(findings[0].message, /^the search in function match_documents reads documents without an index/);
  });

  const columnCases: { what: string; migration: string; spec: string; expected: [string, string, RegExp][] }[] = [
    {
      what: 'a column the spec has and the migrations do not, on the spec line of the column',
      migration: 'CREATE TABLE notes (id bigint PRIMARY KEY);',
      spec: 'CREATE TABLE notes (\n  id bigint PRIMARY KEY,\n  body text NOT NULL\n);',
      expected: [['ARCHITECTURE_V2.md', '7:3', /^the spec has column notes\.body \(text NOT NULL\); the migrations do not create it$/]],
    },
    {
      what: 'a column the migrations add and the spec does not have, where the migration adds it',
      migration: 'CREATE TABLE notes (id bigint PRIMARY KEY);\nALTER TABLE notes ADD COLUMN draft boolean;',
      spec: 'CREATE TABLE notes (id bigint PRIMARY KEY);',
      expected: [['0002_notes.sql', '9:30', /^column notes\.draft \(boolean\) is not in the architecture spec$/]],
    },
    {
      what: 'nullability and defaults that differ',
      migration: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_at timestamptz NOT NULL DEFAULT now());',
      spec: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL);',
      expected: [
        ['0002_notes.sql', '8:44', /^column notes\.body differs from the spec: NULL allowed, the spec says NOT NULL/],
        ['0002_notes.sql', '8:55', /^column notes\.created_at differs from the spec: DEFAULT now\(\), the spec says no default/],
      ],
    },
    {
      what: 'an index that differs only in its name as no difference at all',
      migration: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nCREATE INDEX notes_body ON notes (body);',
      spec: 'CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nCREATE INDEX notes_body_idx ON notes (body);',
      expected: [],
    },
  ];
  for (const c of columnCases) {
    it(`reports ${c.what}`, async () => {
      const p = project({ '0001_enable_vector.sql': VECTOR, '0002_notes.sql': migrationFile(c.migration, 'DROP TABLE notes;') });
      writeSpec(p, `# Spec\n\n${sql(`CREATE EXTENSION IF NOT EXISTS vector;\n${c.spec}`)}`);
      const findings = await check(p.dir);
      assert.deepEqual(findings.map((f) => seen(f).slice(0, 3)), c.expected.map(([file, at]) => [file, at, 'architecture-drift']), findings.map((f) => f.message).join('\n'));
      c.expected.forEach(([, , message], i) => assert.match(findings[i].message, message));
    });
  }

  it('reports a migration that fails at its statement, and still compares what the migrations before it built', async () => {
    const p = project({
      '0001_enable_vector.sql': VECTOR,
      '0002_notes.sql': migrationFile('CREATE TABLE notes (id bigint PRIMARY KEY, body varchar(20));', 'DROP TABLE notes;'),
      '0003_broken.sql': migrationFile('CREATE TABLE tags (id bigint PRIMARY KEY);\nALTER TABLE labels ADD COLUMN color text;', 'DROP TABLE tags;'),
    });
    writeSpec(p, `# Spec\n\n${sql('CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE notes (id bigint PRIMARY KEY, body text);\nCREATE TABLE tags (id bigint PRIMARY KEY);\nCREATE TABLE labels (id bigint PRIMARY KEY, color text);')}`);
    const findings = await check(p.dir);
    assert.deepEqual(findings.map((f) => seen(f).slice(0, 3)), [
      ['0002_notes.sql', '8:44', 'architecture-drift'],
      ['0003_broken.sql', '9:1', 'scratch-apply-failed'],
    ]);
    assert.match(findings[0].message, /column notes\.body differs from the spec: type character varying\(20\), the spec says text/);
    assert.match(findings[1].message, /^statement 2 of UP fails on a scratch database built by the migrations before it: relation "labels" does not exist \(SQLSTATE 42P01\)$/);
  });

  it('reports a spec statement that PostgreSQL refuses on the spec line, and keeps comparing the rest', async () => {
    const p = project({ '0001_enable_vector.sql': VECTOR, '0002_notes.sql': migrationFile('CREATE TABLE notes (id bigint PRIMARY KEY);', 'DROP TABLE notes;') });
    writeSpec(p, `# Spec\n\n${sql('CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE notes (id bigint PRIMARY KEY);\nCREATE INDEX notes_x_idx ON notes (x);')}`);
    const findings = await check(p.dir);
    assert.deepEqual(findings.map((f) => seen(f).slice(0, 3)), [['ARCHITECTURE_V2.md', '6:1', 'scratch-apply-failed']]);
    assert.match(findings[0].message, /^the spec's SQL fails on a scratch database: column "x" does not exist \(SQLSTATE 42703\)$/);
  });

  it('checks the unsaved text of a migration and of the spec over what is on disk', async () => {
    const p = project({ '0001_enable_vector.sql': VECTOR, '0002_notes.sql': migrationFile('CREATE TABLE notes (id bigint PRIMARY KEY);', 'DROP TABLE notes;') });
    writeSpec(p, `# Spec\n\n${sql('CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE notes (id bigint PRIMARY KEY);')}`);
    const migration = path.join(p.migrationsDir, '0002_notes.sql');
    const specFile = path.join(p.dir, 'docs', 'ARCHITECTURE_V2.md');
    const overrides = new Map([
      [migration, migrationFile('CREATE TABLE notes (id bigint PRIMARY KEY, body text);', 'DROP TABLE notes;')],
      [specFile, `# Spec\n\n${sql('CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE notes (id bigint PRIMARY KEY, body text, tag text);')}`],
    ]);
    const findings = await checkArchitecture(loadProject(p.dir), { pool, overrides });
    assert.deepEqual(findings.map((f) => seen(f).slice(0, 3)), [['ARCHITECTURE_V2.md', '5:55', 'architecture-drift']]);
    assert.match(findings[0].message, /^the spec has column notes\.tag \(text\)/);
  });

  it('stays silent about a rule the config turns off', async () => {
    const p = project({ '0001_enable_vector.sql': VECTOR }, { rules: { 'architecture-drift': 'off' } });
    writeSpec(p, `# Spec\n\n${sql('CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE notes (id bigint PRIMARY KEY);')}`);
    assert.deepEqual((await check(p.dir)).map(seen), []);
  });

  const CHUNKS = 'CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL);\n'
    + 'CREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint NOT NULL REFERENCES documents (id), embedding vector(3) NOT NULL);\n'
    + 'CREATE INDEX chunks_document_id_idx ON chunks (document_id);';
  const queryCases: { what: string; index: string; query: string; reason?: RegExp }[] = [
    { what: 'a cosine nearest-neighbour query that its HNSW index serves', index: 'USING hnsw (embedding vector_cosine_ops)', query: 'SELECT id FROM chunks ORDER BY embedding <=> $1 LIMIT 5' },
    { what: 'an L2 query on an IVFFlat index with vector_l2_ops', index: 'USING ivfflat (embedding vector_l2_ops) WITH (lists = 1)', query: 'SELECT id FROM chunks ORDER BY embedding <-> $1 LIMIT 5' },
    { what: 'a filter on an indexed column joined to its document', index: 'USING hnsw (embedding vector_cosine_ops)', query: 'SELECT c.id, d.title FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.document_id = $1' },
    {
      what: 'the operator <-> against an index with vector_cosine_ops', index: 'USING hnsw (embedding vector_cosine_ops)',
      query: 'SELECT id FROM chunks ORDER BY embedding <-> $1 LIMIT 5', reason: /the operator <-> does not match the index's vector_cosine_ops \(chunks_embedding_idx serves <=>\)/,
    },
    {
      what: 'a filter on a column without an index', index: 'USING hnsw (embedding vector_cosine_ops)',
      query: 'SELECT id FROM documents WHERE title = $1', reason: /the filter column title has no index \(title = \$1\)/,
    },
    {
      what: 'an ORDER BY on a similarity rather than the distance', index: 'USING hnsw (embedding vector_cosine_ops)',
      query: 'SELECT id FROM chunks ORDER BY 1 - (embedding <=> $1) DESC LIMIT 5', reason: /the ORDER BY is not on a distance itself/,
    },
    {
      what: 'a distance in WHERE', index: 'USING hnsw (embedding vector_cosine_ops)',
      query: 'SELECT id FROM chunks WHERE embedding <=> $1 < 0.2', reason: /the distance is in WHERE/,
    },
  ];
  for (const c of queryCases) {
    it(`${c.reason ? 'reports' : 'accepts'} ${c.what}`, async () => {
      const migration = `${CHUNKS}\nCREATE INDEX chunks_embedding_idx ON chunks ${c.index};`;
      const p = project({ '0001_enable_vector.sql': VECTOR, '0002_chunks.sql': migrationFile(migration, 'DROP TABLE chunks;\nDROP TABLE documents;') });
      writeSpec(p, `# Spec\n\n${sql(`CREATE EXTENSION IF NOT EXISTS vector;\n${migration}`)}\n## Query patterns\n\n${sql(`${c.query};`)}`);
      const findings = await check(p.dir);
      if (!c.reason) {
        assert.deepEqual(findings.map(seen), []);
        return;
      }
      assert.deepEqual(findings.map((f) => seen(f).slice(0, 3)), [['ARCHITECTURE_V2.md', '14:1', 'query-pattern-unindexed']]);
      assert.match(findings[0].message, c.reason);
      assert.match(findings[0].message, /\nplan: .*Seq Scan on/);
    });
  }

  it('reports a documented query that does not run on the migrated schema at its token', async () => {
    const p = project({ '0001_enable_vector.sql': VECTOR, '0002_notes.sql': migrationFile('CREATE TABLE notes (id bigint PRIMARY KEY);', 'DROP TABLE notes;') });
    writeSpec(p, `# Spec\n\n${sql('CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE notes (id bigint PRIMARY KEY);')}\n## Query patterns\n\n${sql('SELECT id\nFROM notes\nWHERE author = $1;')}`);
    const findings = await check(p.dir);
    assert.deepEqual(findings.map((f) => seen(f).slice(0, 3)), [['ARCHITECTURE_V2.md', '13:7', 'architecture-drift']]);
    assert.match(findings[0].message, /^this documented query does not run on the schema the migrations build: column "author" does not exist \(SQLSTATE 42703\)$/);
  });

  describe('from the CLI', () => {
    let dir: string;
    before(() => {
      dir = copyProject(path.join(ROOT, 'test/fixtures/schema/drift'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    });

    it('exits 1 for a failing migration without a spec, saying in one line that there is none', async () => {
      const p = project({ '0001_enable_vector.sql': VECTOR, '0002_broken.sql': migrationFile('ALTER TABLE nowhere ADD COLUMN x int;') });
      const r = await cli(['check', '--dir', p.dir], { cwd: p.dir });
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stdout, /^db\/migrations\/0002_broken\.sql:8:1: error\[scratch-apply-failed\]/m);
      assert.match(r.stderr, /^Checking 2 migration\(s\) on a scratch database \(embedded PGlite, in memory\): no architecture spec at docs\/ARCHITECTURE_V2\.md, so applying them and planning the searches they define$/m);
    });

    it('finds the spec at the repository root for --dir naming a migrations folder without a config', async () => {
      const repo = copyProject(path.join(ROOT, 'test/fixtures/schema/drift'));
      cleanups.push(() => fs.rmSync(repo, { recursive: true, force: true }));
      fs.rmSync(path.join(repo, 'pgvector-migrator.json'));
      fs.mkdirSync(path.join(repo, '.git'));
      fs.renameSync(path.join(repo, 'db', 'migrations'), path.join(repo, 'drizzle'));
      const r = await cli(['check', '--dir', 'drizzle'], { cwd: repo });
      assert.match(r.stderr, /^Checking 3 migration\(s\) against docs\/ARCHITECTURE_V2\.md on /m);
      assert.match(r.stdout, /^drizzle\/0003_create_chunks\.sql:12:5: error\[architecture-drift\]/m);
    });

    it('prints findings as lint does and exits 1 on errors', async () => {
      const r = await cli(['check', '--dir', dir], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^db\/migrations\/0003_create_chunks\.sql:12:5: error\[architecture-drift\]: column chunks\.embedding differs from the spec/m);
      assert.match(r.stdout, /^docs\/ARCHITECTURE_V2\.md:37:1: warning\[query-pattern-unindexed\]: this query reads chunks without an index/m);
      assert.match(r.stdout, /Found 5 errors, 2 warnings, 0 info in 4 files\.$/);
      assert.match(r.stderr, /^Checking 3 migration\(s\) against docs\/ARCHITECTURE_V2\.md on a scratch database \(embedded PGlite, in memory\)$/m);
    });

    it('prints the findings as JSON with the plan as detail', async () => {
      const r = await cli(['check', '--dir', dir, '--format', 'json'], { cwd: dir });
      const findings = JSON.parse(r.stdout);
      assert.deepEqual(findings.map((f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`), [
        'db/migrations/0003_create_chunks.sql:12 architecture-drift',
        'db/migrations/0003_create_chunks.sql:15 architecture-drift',
        'docs/ARCHITECTURE_V2.md:8 architecture-drift',
        'docs/ARCHITECTURE_V2.md:20 architecture-drift',
        'docs/ARCHITECTURE_V2.md:25 architecture-drift',
        'docs/ARCHITECTURE_V2.md:37 query-pattern-unindexed',
        'docs/ARCHITECTURE_V2.md:41 query-pattern-unindexed',
      ]);
      assert.equal(findings[5].detail, 'Limit\n  -> Sort (Sort Key: embedding <=> $1)\n    -> Seq Scan on chunks');
    });

    it('exits 0 on the quickstart example', async () => {
      const quickstart = copyProject(path.join(ROOT, 'examples/quickstart'));
      cleanups.push(() => fs.rmSync(quickstart, { recursive: true, force: true }));
      const r = await cli(['check', '--dir', quickstart], { cwd: quickstart });
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /^No problems found in 4 files\.$/);
    });
  });
});

describe('checking the schema on a throwaway database [real PostgreSQL]', function () {
  this.timeout(120000);
  if (!SERVER_URL) {
    it.skip('SKIPPED: needs PGVM_TEST_DATABASE_URL pointing at a PostgreSQL with pgvector', () => undefined);
    return;
  }

  async function scratchDatabases(): Promise<string[]> {
    const c = new Client({ connectionString: SERVER_URL });
    await c.connect();
    try {
      const r = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`pgvm\\_scratch\\_${process.pid}\\_%`]);
      return r.rows.map((row) => row.datname);
    } finally {
      await c.end();
    }
  }

  it('finds the same drift as the embedded database, and drops the database it created', async () => {
    const dir = copyProject(path.join(ROOT, 'test/fixtures/schema/drift'));
    try {
      const r = await cli(['check', '--dir', dir, '--format', 'json', '--database-url', SERVER_URL!], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).map((f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`), [
        'db/migrations/0003_create_chunks.sql:12:5',
        'db/migrations/0003_create_chunks.sql:15:67',
        'docs/ARCHITECTURE_V2.md:8:14',
        'docs/ARCHITECTURE_V2.md:20:44',
        'docs/ARCHITECTURE_V2.md:25:14',
        'docs/ARCHITECTURE_V2.md:37:1',
        'docs/ARCHITECTURE_V2.md:41:1',
      ]);
      assert.match(r.stderr, /on a throwaway database on the given server/);
      assert.deepEqual(await scratchDatabases(), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
