// The one place that opens connections: a server URL (flag, DATABASE_URL or libpq PG* variables)
// or, with none of those, the project's embedded database.
import type { Db } from './types';
import { embeddedDataDir, EmbeddedOpenOptions } from './embedded';
import { redactUrl } from './redact';
import type { ServerOptions } from './server';

export type ConnectionTarget =
  | { kind: 'server'; url?: string; source: 'flag' | 'DATABASE_URL' | 'PG variables' | 'settings'; display: string }
  | { kind: 'embedded'; projectDir: string; display: string };

const LIBPQ_VARIABLES = ['PGHOST', 'PGHOSTADDR', 'PGDATABASE', 'PGSERVICE', 'PGPORT', 'PGUSER'];

export function resolveTarget(options: { databaseUrl?: string; env: NodeJS.ProcessEnv; projectDir: string }): ConnectionTarget {
  if (options.databaseUrl) return { kind: 'server', url: options.databaseUrl, source: 'flag', display: redactUrl(options.databaseUrl) };
  if (options.env.DATABASE_URL) return { kind: 'server', url: options.env.DATABASE_URL, source: 'DATABASE_URL', display: redactUrl(options.env.DATABASE_URL) };
  if (LIBPQ_VARIABLES.some((v) => options.env[v])) {
    const e = options.env;
    return { kind: 'server', source: 'PG variables', display: `postgres://${e.PGUSER ?? ''}@${e.PGHOST ?? 'localhost'}:${e.PGPORT ?? 5432}/${e.PGDATABASE ?? ''}` };
  }
  return { kind: 'embedded', projectDir: options.projectDir, display: `embedded database in ${embeddedDataDir(options.projectDir)}` };
}

/** `options`: the server's network timeout; for the embedded database, how to wait when another process holds it and which PGlite extensions to load. */
export async function openTarget(target: ConnectionTarget, who = 'pgvector-migrator', password?: string, options: ServerOptions & EmbeddedOpenOptions = {}): Promise<Db> {
  // Drivers load on first use: `lint` and editor activation never pay for pg or PGlite.
  if (target.kind === 'embedded') return (await import('./embedded')).openEmbedded(target.projectDir, who, options);
  const { openServer } = await import('./server');
  // Without a URL, node-postgres reads the libpq PG* variables itself. With one, the password
  // goes into the URL: node-postgres lets the URL's (empty) password win over a separate one.
  if (target.url && password !== undefined) return openServer({ connectionString: withPassword(target.url, password) }, who, options);
  return openServer({ connectionString: target.url, ...(password !== undefined ? { password } : {}) }, who, options);
}

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}
