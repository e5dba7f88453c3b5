// Opens the database an editor's connection choice names: the project's embedded database, a URL
// (DATABASE_URL), or a connection from the settings with its password from the secret store.
import type { Db } from './types';
import type { ConnectionSetting } from './connection-settings';
import { clientConfigFor } from './connection-settings';
import { openServer } from './server';
import { openEmbedded, EmbeddedOpenOptions } from './embedded';
import { loadProject } from '../config/config';
import { loadProjectMigrations } from '../migrations/discover';
import { embeddedExtensions, prepareEmbedded } from './setup';

export type ConnectionSpec =
  | { kind: 'embedded'; projectDir: string }
  | { kind: 'url'; url: string }
  | { kind: 'setting'; setting: ConnectionSetting; password?: string };

/** `embedded`: how to wait for the embedded database when another process holds it. */
export function openConnection(spec: ConnectionSpec, who: string, embedded?: EmbeddedOpenOptions): Promise<Db> {
  switch (spec.kind) {
    case 'embedded':
      return openProjectEmbedded(spec.projectDir, who, embedded);
    case 'url':
      return openServer({ connectionString: spec.url }, who);
    case 'setting':
      return openServer(clientConfigFor(spec.setting, spec.password), who);
  }
}

/**
 * The project's embedded database as the CLI opens it: with the PGlite extensions its migrations
 * and its `setup` create (a first apply from the editor of a migration that creates citext needs
 * citext loaded), and the setup run once when it changed.
 */
async function openProjectEmbedded(projectDir: string, who: string, options: EmbeddedOpenOptions = {}): Promise<Db> {
  const project = loadProject(projectDir);
  const extensions = embeddedExtensions(project, loadProjectMigrations(project));
  const db = await openEmbedded(projectDir, who, { ...options, extensions });
  try {
    await prepareEmbedded(db, project);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** Connects, asks the server for its version, and disconnects: the check before saving a connection. */
export async function testConnection(spec: ConnectionSpec, who: string): Promise<string> {
  const db = await openConnection(spec, who);
  try {
    const r = await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
    return r.rows[0]?.version ?? 'unknown';
  } finally {
    await db.close();
  }
}
