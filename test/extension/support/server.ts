// The real PostgreSQL the server tests use (PGVM_TEST_DATABASE_URL), reached around the extension
// to create, inspect and drop their databases.
import { Client } from 'pg';

export const SERVER_URL = process.env.PGVM_TEST_DATABASE_URL;

/** Runs `work` on a connection to the test server, to database `db` when given; always closes it. */
export async function serverAdmin<T>(work: (c: Client) => Promise<T>, db?: string): Promise<T> {
  const url = new URL(SERVER_URL!);
  if (db) url.pathname = `/${db}`;
  const c = new Client({ connectionString: url.toString() });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}
