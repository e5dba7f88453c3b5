// The databases the db suites run against: always the embedded PGlite, and a real PostgreSQL
// with pgvector when PGVM_TEST_DATABASE_URL is set. Each test gets a fresh database.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { Db } from '../../src/core/db/types';
import { openEmbedded, embeddedDataDir } from '../../src/core/db/embedded';
import { openServer } from '../../src/core/db/server';
import type { TempProject } from './projects';

export const SERVER_URL = process.env.PGVM_TEST_DATABASE_URL;

export interface TestDatabase {
  kind: 'embedded' | 'server';
  /** Opens (creating on first use) the database that belongs to this project. */
  open(project: TempProject): Promise<Db>;
  /** CLI arguments that point a command at this project's database. */
  cliArgs(project: TempProject): string[];
  /** Drops what `open` created for this project. */
  drop(project: TempProject): Promise<void>;
}

let templateDir: string | undefined;

/** initdb takes seconds in PGlite: do it once per process and copy the data directory. */
async function embeddedTemplate(): Promise<string> {
  if (templateDir) return templateDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-template-'));
  const db = await openEmbedded(dir, 'test template');
  await db.execute('SELECT 1');
  await db.close();
  templateDir = embeddedDataDir(dir);
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return templateDir;
}

export const embedded: TestDatabase = {
  kind: 'embedded',
  async open(project) {
    const target = embeddedDataDir(project.dir);
    if (!fs.existsSync(target)) fs.cpSync(await embeddedTemplate(), target, { recursive: true });
    return openEmbedded(project.dir, 'test');
  },
  cliArgs: () => [],
  async drop() {
    // the project's folder, and its database with it, is removed by project.cleanup()
  },
};

const serverDatabases = new Map<string, string>();
let counter = 0;

function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

async function serverDatabaseFor(project: TempProject): Promise<string> {
  let name = serverDatabases.get(project.dir);
  if (!name) {
    name = `pgvm_t_${process.pid}_${++counter}`;
    const created = name;
    await admin((c) => c.query(`CREATE DATABASE ${created}`));
    serverDatabases.set(project.dir, name);
  }
  return urlWithDatabase(SERVER_URL!, name);
}

export const server: TestDatabase = {
  kind: 'server',
  async open(project) {
    return openServer({ connectionString: await serverDatabaseFor(project) }, 'pgvector-migrator test');
  },
  cliArgs: () => {
    throw new Error('use serverUrlFor(project) (async) for the server');
  },
  async drop(project) {
    const name = serverDatabases.get(project.dir);
    if (!name) return;
    serverDatabases.delete(project.dir);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  },
};

export async function serverUrlFor(project: TempProject): Promise<string> {
  return serverDatabaseFor(project);
}

let warned = false;
function warnServerSkipped(): void {
  if (warned) return;
  warned = true;
  const line = '!'.repeat(100);
  console.warn(`\n${line}\n!! SKIPPED: the real-PostgreSQL suites. Set PGVM_TEST_DATABASE_URL (scripts/setup-postgres.sh prints one)\n!! to run them; .ci/run always does. Concurrency, CONCURRENTLY and killed-backend tests need a server.\n${line}\n`);
}

/** Declares the same suite for each database: `describeEachDatabase('applying', (db) => { ... })`. */
export function describeEachDatabase(title: string, body: (db: TestDatabase) => void): void {
  describe(`${title} [embedded PGlite]`, function () {
    this.timeout(60000);
    body(embedded);
  });
  describeServerOnly(title, body);
}

/** A suite that needs a real server (concurrency, killed backends, CONCURRENTLY). */
export function describeServerOnly(title: string, body: (db: TestDatabase) => void): void {
  if (!SERVER_URL) {
    describe(`${title} [real PostgreSQL]`, () => {
      before(warnServerSkipped);
      it.skip('SKIPPED: needs PGVM_TEST_DATABASE_URL pointing at a PostgreSQL with pgvector', () => undefined);
    });
    return;
  }
  describe(`${title} [real PostgreSQL]`, function () {
    this.timeout(60000);
    body(server);
  });
}
