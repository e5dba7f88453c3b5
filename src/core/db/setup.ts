// The config's `setup`: what a platform provides before any migration runs (Supabase's `auth`
// schema, roles such as `authenticated`, extensions), prepared on the embedded database and on
// every scratch database. A server is never prepared: it has what its platform gives it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { LoadedConfig } from '../config/config';
import type { Db } from './types';
import { dbErrorFields, quoteIdent } from './types';
import { ConfigError, MigratorError } from '../errors';
import { EMBEDDED_DIR } from './embedded';
import { extensionsCreatedBy, extensionsCreatedIn } from './pglite-extensions';
import type { MigrationSet } from '../migrations/types';

export interface ProjectSetup {
  sql: string;
  /** For messages: the file, or "the setup extensions". */
  source: string;
}

export function readSetup(project: LoadedConfig): ProjectSetup | undefined {
  const setup = project.config.setup;
  if (setup === undefined) return undefined;
  if (Array.isArray(setup)) {
    return { sql: setup.map((e) => `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e)};`).join('\n'), source: `"setup": [${setup.join(', ')}]` };
  }
  const file = path.resolve(project.projectDir, setup);
  if (!fs.existsSync(file)) {
    throw new ConfigError(`the setup file ${setup} does not exist`, { location: { file: project.configFile ?? file }, fix: 'create it, or correct "setup" in pgvector-migrator.json' });
  }
  return { sql: fs.readFileSync(file, 'utf8'), source: file };
}

/** The PGlite extensions a project's embedded database loads: those its migrations and its setup create. */
export function embeddedExtensions(project: LoadedConfig, set: MigrationSet): string[] {
  return [...new Set([...extensionsCreatedBy(set), ...setupExtensions(project)])];
}

/** Extensions the setup creates, for the embedded database to load. */
export function setupExtensions(project: LoadedConfig): string[] {
  const setup = readSetup(project);
  return setup ? extensionsCreatedIn(setup.sql) : [];
}

export async function runSetup(db: Db, setup: ProjectSetup): Promise<void> {
  try {
    await db.execute(setup.sql);
  } catch (err) {
    const f = dbErrorFields(err);
    throw new MigratorError(`the setup (${path.basename(setup.source)}) failed: ${f.message}`, {
      location: fs.existsSync(setup.source) ? { file: setup.source } : undefined, sqlstate: f.code, detail: f.detail, hint: f.hint,
      fix: 'fix the setup SQL; nothing of the migrations ran',
    });
  }
}

/**
 * The embedded database runs the setup once, and again whenever it changes (its hash is kept
 * beside the data directory), before any migration.
 */
export async function prepareEmbedded(db: Db, project: LoadedConfig): Promise<boolean> {
  const setup = readSetup(project);
  if (!setup) return false;
  const marker = path.join(project.projectDir, EMBEDDED_DIR, 'setup.sha256');
  const hash = createHash('sha256').update(setup.sql).digest('hex');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === hash) return false;
  await runSetup(db, setup);
  fs.writeFileSync(marker, `${hash}\n`);
  return true;
}
