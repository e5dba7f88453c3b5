// A load that dies (SIGKILL), is interrupted (Ctrl-C) or loses its connection mid-batch, then
// resumes: every row exactly once. The loader reads standard input here, so the test decides
// where the input ends while the process is alive: no race with a load that finishes first.
import * as assert from 'node:assert/strict';
import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { describeServerOnly, serverUrlFor, TestDatabase } from '../support/databases';
import { migrationFile, tempProject, TempProject } from '../support/projects';
import { cli } from '../support/cli';

const CLI = path.resolve(__dirname, '../../src/cli.js');
// No primary key on purpose: a row loaded twice would stay, and be counted.
const SCHEMA = 'CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE items (id bigint NOT NULL, title text NOT NULL, v vector(3));';
const ROWS = 500;
const BATCH = 100;

function data(from: number, to: number): string {
  let out = '';
  for (let i = from; i <= to; i++) out += `${i},t${i},"[${i},1,1]"\n`;
  return out;
}
const HEADER = 'id,title,v\n';

describeServerOnly('resuming an interrupted load', (database: TestDatabase) => {
  let project: TempProject;
  let url: string;

  beforeEach(async () => {
    project = tempProject({ '0001_items.sql': migrationFile(SCHEMA, 'DROP TABLE items;') }, { embedding: { dimensions: 3, distance: 'cosine' } });
    url = await serverUrlFor(project);
    const up = await cli(['up', '--dir', project.dir, '--database-url', url], { cwd: project.dir });
    assert.equal(up.code, 0, up.stderr);
  });
  afterEach(async () => {
    await database.drop(project);
    project.cleanup();
  });

  async function sql<R>(text: string): Promise<R[]> {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(text)).rows as R[];
    } finally {
      await c.end();
    }
  }
  const counts = async () => (await sql<{ rows: number; ids: number; min: number; max: number }>('SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids, min(id)::int AS min, max(id)::int AS max FROM items'))[0];

  function loader(...extra: string[]): { child: ChildProcessWithoutNullStreams; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
    const child = spawn(process.execPath, [CLI, 'load', '-', '--input-format', 'csv', '--table', 'items', '--batch-rows', String(BATCH), '--dir', project.dir, '--database-url', url, ...extra], { cwd: project.dir, env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
    return { child, done };
  }

  /** Waits (bounded) until the checkpoint says `rows` rows are committed. */
  async function committed(rows: number): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const r = await sql<{ n: number }>(`SELECT coalesce(max(rows_loaded), 0)::int AS n FROM pgvector_migrator_loads WHERE target = 'public.items'`).catch(() => [{ n: 0 }]);
      if (r[0].n >= rows) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the loader never committed ${rows} rows`);
  }

  /** Two batches committed, half of the third sent and waiting for more input. */
  async function startAndStall(...extra: string[]): Promise<ReturnType<typeof loader>> {
    const run = loader(...extra);
    run.child.stdin.write(HEADER + data(1, 2 * BATCH + BATCH / 2));
    await committed(2 * BATCH);
    return run;
  }

  async function resumeAndCheck(): Promise<void> {
    const resumed = loader('--resume', '--format', 'json');
    resumed.child.stdin.end(HEADER + data(1, ROWS));
    const r = await resumed.done;
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { rowsLoaded: number; resumedFrom: number };
    assert.deepEqual([summary.rowsLoaded, summary.resumedFrom], [ROWS - 2 * BATCH, 2 * BATCH + 1]);
    assert.deepEqual(await counts(), { rows: ROWS, ids: ROWS, min: 1, max: ROWS });
  }

  it('after SIGKILL mid-batch, --resume loads every row exactly once', async () => {
    const run = await startAndStall();
    run.child.kill('SIGKILL');
    assert.equal((await run.done).signal, 'SIGKILL');
    assert.deepEqual(await counts(), { rows: 2 * BATCH, ids: 2 * BATCH, min: 1, max: 2 * BATCH });
    await resumeAndCheck();
  });

  it('after SIGKILL of a load with --defer-indexes, --resume builds the dropped index again', async () => {
    await sql('CREATE INDEX items_v_idx ON items USING hnsw (v vector_l2_ops)');
    const before = await sql<{ def: string }>(`SELECT pg_get_indexdef('items_v_idx'::regclass) AS def`);
    const run = await startAndStall('--defer-indexes');
    run.child.kill('SIGKILL');
    await run.done;
    assert.deepEqual(await sql(`SELECT 1 FROM pg_class WHERE relname = 'items_v_idx'`), [], 'dropped for the load');
    await resumeAndCheck();
    assert.deepEqual(await sql(`SELECT pg_get_indexdef(i.indexrelid) AS def, i.indisvalid AS valid FROM pg_index i WHERE i.indexrelid = 'items_v_idx'::regclass`), [{ def: before[0].def, valid: true }]);
  });

  it('after Ctrl-C (SIGINT) stops with how to resume, and --resume loads every row exactly once', async () => {
    const run = await startAndStall();
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^error: the load was interrupted$/m);
    assert.match(r.stderr, /200 rows of this run are committed \(the input through line 201\); nothing of the stopped batch is\./);
    assert.match(r.stderr, /^ {4}pgvector-migrator load - --table items --input-format csv --batch-rows 100 --dir \S+ --database-url \S+ --resume$/m);
    assert.deepEqual(await counts(), { rows: 2 * BATCH, ids: 2 * BATCH, min: 1, max: 2 * BATCH });
    await resumeAndCheck();
  });

  it('after the connection is cut mid-batch, --resume loads every row exactly once', async () => {
    const file = path.join(project.dir, 'data.csv');
    fs.writeFileSync(file, HEADER + data(1, ROWS));
    const proxy = await cuttingProxy(new URL(url), 3);
    try {
      const proxied = new URL(url);
      proxied.port = String(proxy.port);
      const r = await cli(['load', 'data.csv', '--table', 'items', '--batch-rows', String(BATCH), '--dir', project.dir, '--database-url', proxied.toString()], { cwd: project.dir });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^error: the load stopped: the connection was lost/m);
      assert.match(r.stderr, /--resume$/m);
    } finally {
      proxy.close();
    }
    assert.deepEqual(await counts(), { rows: 2 * BATCH, ids: 2 * BATCH, min: 1, max: 2 * BATCH });
    const resumed = await cli(['load', 'data.csv', '--table', 'items', '--batch-rows', String(BATCH), '--dir', project.dir, '--database-url', url, '--resume'], { cwd: project.dir });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(await counts(), { rows: ROWS, ids: ROWS, min: 1, max: ROWS });
  });
});

/**
 * A loopback TCP proxy to the server that cuts the connection halfway through the COPY data of
 * the `nth` COPY it sees (so the batches before it are committed and that one is not).
 */
async function cuttingProxy(target: URL, nth: number): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let copies = 0;
    client.on('data', (chunk) => {
      copies += chunk.toString('latin1').split('FROM STDIN').length - 1;
      if (copies >= nth && !chunk.includes('FROM STDIN') && chunk.length > 10) {
        upstream.write(chunk.subarray(0, chunk.length >> 1), () => { client.destroy(); upstream.destroy(); });
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => { for (const s of sockets) s.destroy(); server.close(); },
  };
}
