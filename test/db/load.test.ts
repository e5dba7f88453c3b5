import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Db } from '../../src/core/db/types';
import { describeEachDatabase, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

const SCHEMA = `CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE items (id bigint PRIMARY KEY, title text NOT NULL, v vector(3), h halfvec(3), s sparsevec(5), b bit(4));
CREATE INDEX items_v_idx ON items USING hnsw (v vector_cosine_ops) WITH (m = 8);`;

/** Rows as PostgreSQL prints them back: what every format must load exactly. */
const ROWS = [
  { id: 1, title: 'plain', v: '[1,2,3]', h: '[0.5,-1,2]', s: '{1:0.5,3:-2}/5', b: '1010' },
  { id: 2, title: 'tab\tand "quotes", commas', v: '[0.25,-3.5,1e-05]', h: '[65504,0,1]', s: '{2:1e-05}/5', b: '0000' },
  { id: 3, title: 'ünïcode', v: '[-1,0,0]', h: '[1,1,1]', s: '{5:1}/5', b: '1111' },
];

function csv(rows = ROWS): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return ['id,title,v,h,s,b', ...rows.map((r) => [r.id, q(r.title), q(r.v), q(r.h), q(r.s), r.b].join(','))].join('\n') + '\n';
}
function tsv(rows = ROWS): string {
  const e = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t');
  return ['id\ttitle\tv\th\ts\tb', ...rows.map((r) => [r.id, e(r.title), r.v, r.h, r.s, r.b].join('\t'))].join('\n') + '\n';
}
function jsonl(rows = ROWS): string {
  return rows.map((r) => JSON.stringify({ ...r, v: JSON.parse(r.v), h: JSON.parse(r.h) })).join('\n') + '\n';
}

const INPUTS: { name: string; file: string; bytes: () => Buffer }[] = [
  { name: 'CSV', file: 'items.csv', bytes: () => Buffer.from(csv()) },
  { name: 'TSV', file: 'items.tsv', bytes: () => Buffer.from(tsv()) },
  { name: 'JSON Lines', file: 'items.jsonl', bytes: () => Buffer.from(jsonl()) },
  { name: 'gzip-compressed CSV', file: 'items.csv.gz', bytes: () => zlib.gzipSync(csv()) },
  { name: 'gzip-compressed JSON Lines', file: 'items.jsonl.gz', bytes: () => zlib.gzipSync(jsonl()) },
];

/** Ten rows; with `bad`, the seventh has two dimensions (and a longer tail, so that offsets after it move). */
function tenRows(bad: boolean): { id: number; v: string }[] {
  return Array.from({ length: 10 }, (_, i) => ({ id: i + 1, v: bad && i === 6 ? '[7,1]' : `[${i + 1},1,1]` }));
}

describeEachDatabase('pgvector-migrator load', (database: TestDatabase) => {
  let project: TempProject;
  let dbArgs: string[];

  beforeEach(async () => {
    project = tempProject({ '0001_items.sql': migrationFile(SCHEMA, 'DROP TABLE items;') }, { embedding: { dimensions: 3, distance: 'cosine' } });
    if (database.kind === 'server') {
      dbArgs = ['--database-url', await serverUrlFor(project)];
    } else {
      await (await database.open(project)).close(); // copies the template data directory in
      dbArgs = [];
    }
    const up = await run('up');
    assert.equal(up.code, 0, up.stderr);
  });
  afterEach(async () => {
    await database.drop(project);
    project.cleanup();
  });

  const run = (...args: string[]) => cli([...args, '--dir', project.dir, ...dbArgs], { cwd: project.dir });
  const write = (name: string, content: string | Buffer) => { fs.writeFileSync(path.join(project.dir, name), content); return name; };
  async function query<R>(sql: string): Promise<R[]> {
    const db: Db = await database.open(project);
    try {
      return (await db.query<R>(sql)).rows;
    } finally {
      await db.close();
    }
  }
  const contents = () => query<Record<string, unknown>>('SELECT id::int AS id, title, v::text AS v, h::text AS h, s::text AS s, b::text AS b FROM items ORDER BY id');
  const ids = async () => (await query<{ id: number }>('SELECT id::int AS id FROM items ORDER BY id')).map((r) => r.id);

  for (const input of INPUTS) {
    it(`loads ${input.name} into vector, halfvec, sparsevec and bit columns, value by value`, async () => {
      write(input.file, input.bytes());
      const r = await run('load', input.file, '--table', 'items');
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.match(r.stdout, /^Loaded 3 rows into public\.items in 1 batch/m);
      assert.deepEqual(await contents(), ROWS);
    });
  }

  it('rejects the planted bad rows with their lines and reasons, and loads the good ones (--max-rejects)', async () => {
    const lines = [
      'id,title,v',
      '1,a,"[1,2,3]"',
      '2,b,"[1,2]"',
      '3,c,"[1,NaN,3]"',
      '4,d,"[1,Infinity,3]"',
      '5,e,"[]"',
      '6,f,"[1,two,3]"',
      '7,,"[1,2,3]"',
      '8,h,"[0,0,0]"',
      '9,i',
      '10,j,"[4,5,6]"',
    ];
    const bytes = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from('11,'), Buffer.from([0xff, 0xfe]), Buffer.from(',"[1,2,3]"\n12,l,"[7,8,9]"\n')]);
    write('bad.csv', bytes);
    const r = await run('load', 'bad.csv', '--table', 'items', '--max-rejects', '20', '--batch-rows', '3');
    assert.equal(r.code, 1, 'rows were rejected');
    assert.deepEqual(await ids(), [1, 10, 12]);
    assert.equal(fs.readFileSync(path.join(project.dir, 'bad.csv.rejects'), 'utf8'), [
      'line 3: v has 2 dimensions, the column is vector(3)',
      'line 4: v element 2 is NaN: vector elements must be finite numbers',
      'line 5: v element 2 is Infinity: vector elements must be finite numbers',
      'line 6: v is an empty vector',
      'line 7: v element 2 is not a number: "two"',
      'line 8: title is NOT NULL, and the row has no value for it',
      "line 9: v is a zero vector: a cosine index reads this column, and cosine distance is undefined for it (pgvector cannot index it)",
      'line 10: has 2 fields, the header has 3',
      'line 12: is not valid UTF-8',
      '',
    ].join('\n'));
    assert.match(r.stdout, /^Rejected 9 rows: see bad\.csv\.rejects \(first: line 3: v has 2 dimensions, the column is vector\(3\)\)\.$/m);
  });

  it('stops at the first bad row by default: the batches before it stay, nothing of its batch is committed', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i + 1},t,"[${i + 1},1,1]"`);
    rows[6] = '7,t,"[7,1]"';
    write('data.csv', ['id,title,v', ...rows].join('\n') + '\n');
    const r = await run('load', 'data.csv', '--table', 'items', '--batch-rows', '3', '--format', 'json');
    assert.equal(r.code, 1);
    assert.deepEqual(await ids(), [1, 2, 3, 4, 5, 6]);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(summary), ['table', 'rowsLoaded', 'rowsRejected', 'batches', 'durationMs', 'resumedFrom', 'rejectsFile']);
    assert.deepEqual({ ...summary, durationMs: 0 }, {
      table: 'public.items', rowsLoaded: 6, rowsRejected: 1, batches: 2, durationMs: 0, resumedFrom: null, rejectsFile: path.join(project.dir, 'data.csv.rejects'),
    });
    assert.match(r.stderr, /^error: the load stopped: line 8: v has 2 dimensions, the column is vector\(3\)$/m);
    assert.match(r.stderr, /6 rows of this run are committed \(the input through line 7\)/);
    assert.match(r.stderr, /pgvector-migrator load data\.csv --table items --batch-rows 3 --dir \S+ .*--resume$/m);

    const again = await run('load', 'data.csv', '--table', 'items');
    assert.equal(again.code, 1, 'a second fresh load is refused');
    assert.match(again.stderr, /error: public\.items holds 6 rows from an interrupted load of data\.csv \(committed through line 7\)/);
    assert.match(again.stderr, /fix: resume it: pgvector-migrator load data\.csv .*--resume/);

    rows[6] = '7,t,"[7,1,1]"';
    write('data.csv', ['id,title,v', ...rows].join('\n') + '\n');
    const resumed = await run('load', 'data.csv', '--table', 'items', '--batch-rows', '3', '--resume', '--format', 'json');
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(await ids(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const s2 = JSON.parse(resumed.stdout) as Record<string, unknown>;
    assert.deepEqual([s2.rowsLoaded, s2.resumedFrom, s2.rejectsFile], [4, 7, null]);
    assert.ok(!fs.existsSync(path.join(project.dir, 'data.csv.rejects')), 'the rejects of the stopped batch are gone once they load');
  });

  const resumable: { name: string; file: string; rows: (bad: boolean) => Buffer }[] = [
    { name: 'CSV', file: 'r.csv', rows: (bad) => Buffer.from(['id,title,v', ...tenRows(bad).map((r) => `${r.id},t,"${r.v}"`)].join('\n') + '\n') },
    { name: 'TSV', file: 'r.tsv', rows: (bad) => Buffer.from(['id\ttitle\tv', ...tenRows(bad).map((r) => `${r.id}\tt\t${r.v}`)].join('\n') + '\n') },
    { name: 'JSON Lines', file: 'r.jsonl', rows: (bad) => Buffer.from(tenRows(bad).map((r) => JSON.stringify({ id: r.id, title: 't', v: JSON.parse(r.v) })).join('\n') + '\n') },
    { name: 'gzip-compressed CSV', file: 'r.csv.gz', rows: (bad) => zlib.gzipSync(['id,title,v', ...tenRows(bad).map((r) => `${r.id},t,"${r.v}"`)].join('\n') + '\n') },
    { name: 'gzip-compressed JSON Lines', file: 'r.jsonl.gz', rows: (bad) => zlib.gzipSync(tenRows(bad).map((r) => JSON.stringify({ id: r.id, title: 't', v: JSON.parse(r.v) })).join('\n') + '\n') },
  ];
  for (const input of resumable) {
    it(`resumes ${input.name} after the row that stopped it is fixed, loading every row once`, async () => {
      write(input.file, input.rows(true));
      const first = await run('load', input.file, '--table', 'items', '--batch-rows', '3');
      assert.equal(first.code, 1, first.stderr);
      assert.deepEqual(await ids(), [1, 2, 3, 4, 5, 6]);
      write(input.file, input.rows(false));
      const resumed = await run('load', input.file, '--table', 'items', '--batch-rows', '3', '--resume');
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.deepEqual(await ids(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
  }

  it('refuses to resume a file that differs from the interrupted load before its checkpoint', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `${i + 1},t,"[${i + 1},1,1]"`);
    rows[4] = '5,t,"[0,0,0]"';
    write('data.csv', ['id,title,v', ...rows].join('\n') + '\n');
    assert.equal((await run('load', 'data.csv', '--table', 'items', '--batch-rows', '2')).code, 1);
    rows[1] = '2,changed,"[2,1,1]"';
    write('data.csv', ['id,title,v', ...rows].join('\n') + '\n');
    const r = await run('load', 'data.csv', '--table', 'items', '--resume');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /data\.csv is not the file of the interrupted load: line 5 differs from the last row it committed/);
    assert.deepEqual(await ids(), [1, 2, 3, 4]);
  });

  it('with --defer-indexes drops the HNSW index for the load and builds it again, valid and with the same definition', async () => {
    const before = await query<{ def: string }>(`SELECT pg_get_indexdef('items_v_idx'::regclass) AS def`);
    write('data.csv', csv());
    const r = await run('load', 'data.csv', '--table', 'items', '--defer-indexes');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Rebuilt items_v_idx\.$/m);
    const after = await query<{ def: string; valid: boolean }>(`SELECT pg_get_indexdef(i.indexrelid) AS def, i.indisvalid AS valid FROM pg_index i WHERE i.indexrelid = 'items_v_idx'::regclass`);
    assert.deepEqual(after, [{ def: before[0].def, valid: true }]);
    assert.match(r.stdout, /^ {2}PASS  vector-index-coverage \(v\): indexed by items_v_idx/m);
    assert.match(r.stderr, /^building items_v_idx$/m, 'the table was empty: a plain CREATE INDEX');

    write('more.csv', 'id,title,v\n4,d,"[4,4,4]"\n');
    const more = await run('load', 'more.csv', '--table', 'items', '--defer-indexes');
    assert.equal(more.code, 0, more.stderr);
    // The table had rows: on a server its readers keep the table while the index builds.
    assert.match(more.stderr, database.kind === 'server' ? /^building items_v_idx \(CONCURRENTLY\)$/m : /^building items_v_idx$/m);
    const again = await query<{ def: string; valid: boolean }>(`SELECT pg_get_indexdef(i.indexrelid) AS def, i.indisvalid AS valid FROM pg_index i WHERE i.indexrelid = 'items_v_idx'::regclass`);
    assert.deepEqual(again, [{ def: before[0].def, valid: true }]);
  });

  it('stops at a row the server refuses with the input line, the constraint and the SQLSTATE', async () => {
    write('data.csv', csv());
    assert.equal((await run('load', 'data.csv', '--table', 'items')).code, 0);
    write('more.csv', 'id,title,v\n4,d,"[4,4,4]"\n2,again,"[2,2,2]"\n');
    const r = await run('load', 'more.csv', '--table', 'items');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: the load stopped: line 3: duplicate key value violates unique constraint "items_pkey" \[SQLSTATE 23505\]/m);
    assert.match(r.stderr, /^ {2}fix line 3, then resume:$/m);
    assert.deepEqual(await ids(), [1, 2, 3], 'nothing of the batch stays');
  });

  it('maps the file\'s columns onto the table with --columns, the header skipped', async () => {
    write('other.csv', 'key,label,vec\n1,a,"[1,2,3]"\n');
    const r = await run('load', 'other.csv', '--table', 'items', '--columns', 'id,title,v');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await query('SELECT id::int AS id, title, v::text AS v FROM items'), [{ id: 1, title: 'a', v: '[1,2,3]' }]);
  });

  it('with --dry-run checks every row and loads nothing', async () => {
    write('data.csv', 'id,title,v\n1,a,"[1,2,3]"\n2,b,"[1,2]"\n');
    const r = await run('load', 'data.csv', '--table', 'items', '--dry-run');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Dry run: 1 row would be rejected; nothing was loaded into public\.items\.$/m);
    assert.deepEqual(await ids(), []);
  });

  it('with --truncate replaces the rows of the table', async () => {
    write('data.csv', csv());
    assert.equal((await run('load', 'data.csv', '--table', 'items')).code, 0);
    const r = await run('load', 'data.csv', '--table', 'items', '--truncate');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await ids(), [1, 2, 3]);
  });

  const usage: [string, string[], RegExp][] = [
    ['a table that does not exist', ['data.csv', '--table', 'nowhere'], /table nowhere does not exist/],
    ['a header column the table does not have', ['extra.csv', '--table', 'items'], /the header of extra\.csv names column "colour", which public\.items does not have/],
    ['no --table', ['data.csv'], /load needs --table TABLE/],
    ['--resume with --truncate', ['data.csv', '--table', 'items', '--resume', '--truncate'], /--resume and --truncate contradict each other/],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 on ${what}`, async () => {
      write('data.csv', csv());
      write('extra.csv', 'id,title,colour\n1,a,red\n');
      const r = await run('load', ...args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    });
  }
});
