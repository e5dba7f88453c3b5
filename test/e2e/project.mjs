// The user's side outside the editor: a temporary copy of examples/quickstart to open, the CLI
// bundle (dist/cli.js) run in it, and direct looks into the databases it used.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { until } from './workbench.mjs';

export { quickstartCopy } from '../../scripts/lib/quickstart-copy.mjs';

/** Runs the CLI bundle in the project folder; resolves to { code, stdout, stderr }. */
export function cli(root, project, args, env = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
    // The project's own database unless a URL is passed: no DATABASE_URL or PG* from outside.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('PG'))), ...env },
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * `status --format json` as { version: state }. The editor holds the embedded database only while
 * an action runs, and the CLI waits for it then: one try is expected to do.
 */
export async function cliStates(root, project, extraArgs = []) {
  const run = await until('the CLI to read the history', () => {
    const r = cli(root, project, ['status', '--format', 'json', ...extraArgs]);
    if (r.code !== 0) throw new Error(`status exited ${r.code}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
    return r;
  });
  return Object.fromEntries(JSON.parse(run.stdout).map((m) => [m.version, m.state]));
}

/** Tables of the public schema of the project's embedded database (after the CLI could open it). */
export async function embeddedTables(project) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const db = await PGlite.create(path.join(project, '.pgvector-migrator', 'db'), { extensions: { vector } });
  try {
    const r = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    return r.rows.map((row) => row.tablename);
  } finally {
    await db.close();
  }
}

/** A fresh database on the test server for one scenario; `drop()` removes it. */
export async function serverDatabase(serverUrl, name) {
  const pg = (await import('pg')).default;
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      return await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    parts: {
      host: url.hostname,
      port: url.port || '5432',
      database: name,
      user: decodeURIComponent(url.username || 'postgres'),
      password: decodeURIComponent(url.password || ''),
    },
    async tables() {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      try {
        const r = await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
        return r.rows.map((row) => row.tablename);
      } finally {
        await c.end();
      }
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
