// Connections as an editor's settings describe them (name, host, port, database, user, sslmode,
// or a URL without password), turned into a node-postgres ClientConfig. The password never lives
// in the settings: the caller passes it in from its secret store.
import type { ClientConfig } from 'pg';
import { redactUrl } from './redact';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
export const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface ConnectionSetting {
  name: string;
  url?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  sslmode?: SslMode;
  /** Asks the user to type the database name before anything that changes the schema. */
  production?: boolean;
}

export interface ConnectionSettingsRead {
  connections: ConnectionSetting[];
  /** One sentence each, naming the connection and the key. */
  problems: string[];
}

const KEYS = new Set(['name', 'url', 'host', 'port', 'database', 'user', 'sslmode', 'production']);

/** Reads the settings array, keeping every usable entry and saying what is wrong with the rest. */
export function readConnectionSettings(value: unknown): ConnectionSettingsRead {
  const connections: ConnectionSetting[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { connections, problems };
  if (!Array.isArray(value)) return { connections, problems: ['pgvectorMigrator.connections must be an array of connections'] };
  const seen = new Set<string>();
  value.forEach((raw, i) => {
    const where = `pgvectorMigrator.connections[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${where} must be an object with a "name"`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    if (typeof entry.name !== 'string' || entry.name.trim() === '') {
      problems.push(`${where} needs a "name"`);
      return;
    }
    const name = entry.name.trim();
    const label = `connection "${name}"`;
    if (seen.has(name)) {
      problems.push(`${label} is defined twice; the first one is used`);
      return;
    }
    const unknown = Object.keys(entry).filter((k) => !KEYS.has(k));
    if (unknown.length > 0) problems.push(`${label}: unknown key ${unknown.map((k) => `"${k}"`).join(', ')}`);
    const problem = checkEntry(entry, label);
    if (problem) {
      problems.push(problem);
      return;
    }
    seen.add(name);
    connections.push({
      name,
      url: entry.url as string | undefined,
      host: entry.host as string | undefined,
      port: entry.port as number | undefined,
      database: entry.database as string | undefined,
      user: entry.user as string | undefined,
      sslmode: entry.sslmode as SslMode | undefined,
      production: entry.production === true,
    });
  });
  return { connections, problems };
}

function checkEntry(entry: Record<string, unknown>, label: string): string | undefined {
  for (const key of ['url', 'host', 'database', 'user']) {
    if (entry[key] !== undefined && typeof entry[key] !== 'string') return `${label}: "${key}" must be a string`;
  }
  if (entry.port !== undefined && (typeof entry.port !== 'number' || !Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535)) {
    return `${label}: "port" must be a whole number from 1 to 65535`;
  }
  if (entry.sslmode !== undefined && !SSL_MODES.includes(entry.sslmode as SslMode)) {
    return `${label}: "sslmode" must be one of ${SSL_MODES.join(', ')}`;
  }
  if (entry.production !== undefined && typeof entry.production !== 'boolean') return `${label}: "production" must be true or false`;
  if (typeof entry.url === 'string') {
    let url: URL;
    try {
      url = new URL(entry.url);
    } catch {
      return `${label}: "url" is not a URL such as postgres://user@host:5432/database`;
    }
    if (!/^postgres(ql)?:$/.test(url.protocol)) return `${label}: "url" must start with postgres:// or postgresql://`;
    // The settings file is plain text that people share; the password belongs in the secret store.
    if (url.password) return `${label}: "url" holds a password; remove it from the URL (${redactUrl(entry.url)}) and let the editor store it as a secret`;
    if (['host', 'port', 'database', 'user'].some((k) => entry[k] !== undefined)) {
      return `${label}: give either "url" or host/port/database/user, not both`;
    }
  }
  return undefined;
}

/** The connection as it may be shown: a URL without password. */
export function displayConnection(setting: ConnectionSetting): string {
  if (setting.url) return redactUrl(setting.url);
  const user = setting.user ? `${encodeURIComponent(setting.user)}@` : '';
  const ssl = setting.sslmode ? `?sslmode=${setting.sslmode}` : '';
  return `postgres://${user}${setting.host ?? 'localhost'}:${setting.port ?? 5432}/${encodeURIComponent(databaseName(setting))}${ssl}`;
}

/** The database a connection points at: what a production confirmation asks the user to type. */
export function databaseName(setting: ConnectionSetting): string {
  if (setting.url) {
    const u = new URL(setting.url);
    const fromPath = decodeURIComponent(u.pathname.replace(/^\//, ''));
    return fromPath || decodeURIComponent(u.username) || 'postgres';
  }
  return setting.database ?? setting.user ?? 'postgres';
}

/** True when what the user typed confirms a run against this connection. */
export function confirmsProduction(setting: ConnectionSetting, typed: string | undefined): boolean {
  if (!setting.production) return true;
  return typed !== undefined && typed.trim() === databaseName(setting);
}

/**
 * The node-postgres configuration for a connection. node-postgres drops a `password` given next
 * to a password-less connectionString (the parsed URL's empty password wins), so for URLs the
 * password goes into the URL itself.
 */
export function clientConfigFor(setting: ConnectionSetting, password?: string): ClientConfig {
  if (setting.url) {
    const u = new URL(setting.url);
    if (password) u.password = encodeURIComponent(password);
    if (setting.sslmode && !u.searchParams.has('sslmode')) u.searchParams.set('sslmode', setting.sslmode);
    return { connectionString: u.toString() };
  }
  return {
    host: setting.host ?? 'localhost',
    port: setting.port ?? 5432,
    database: setting.database,
    user: setting.user,
    ...(password ? { password } : {}),
    ssl: sslFor(setting.sslmode),
  };
}

/**
 * libpq's sslmode in node-postgres terms. node-postgres cannot fall back between plain and TLS
 * connections, so allow/prefer connect without TLS, as libpq does when the server offers none.
 */
function sslFor(mode: SslMode | undefined): ClientConfig['ssl'] {
  switch (mode) {
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { checkServerIdentity: () => undefined };
    case 'verify-full':
      return true;
    default:
      return false;
  }
}
