// PGlite's extensions besides pgvector (citext, pg_trgm, uuid-ossp, hstore, ltree, ...) ship as
// separate archives: the embedded database loads the ones the migrations (or the config's
// `setup`) create, and only those, since each one loaded costs start-up time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Extension, Extensions } from '@electric-sql/pglite';
import archives from './pglite-archives.json';
import type { MigrationSet } from '../migrations/types';
import { sectionText } from '../migrations/types';

/**
 * Extension name as CREATE EXTENSION spells it -> PGlite's archive of it. PGlite's own contrib
 * modules only point at these archives, relative to where they lie in its package; we point at
 * them ourselves, so the bundle finds them beside itself (scripts/build.mjs copies the archives
 * pglite-archives.json names into dist/, and the VSIX carries them).
 */
const PGLITE_ARCHIVES: Record<string, string> = archives;

/** The archive beside this file (the bundle in dist/), else the one in PGlite's package. */
function archiveUrl(archive: string): URL {
  const beside = path.join(__dirname, `${archive}.tar.gz`);
  if (fs.existsSync(beside)) return pathToFileURL(beside);
  const pglite = '@electric-sql/pglite'; // resolved at run time: the bundle never gets here
  return pathToFileURL(path.join(path.dirname(require.resolve(pglite)), `${archive}.tar.gz`));
}

function pgliteExtension(name: string, archive: string): Extension {
  return { name, setup: async () => ({ bundlePath: archiveUrl(archive) }) };
}

/** What the embedded database can provide: pgvector, plpgsql, and the archives above. */
export const LOADABLE_EXTENSIONS: readonly string[] = ['vector', ...Object.keys(PGLITE_ARCHIVES)].sort();

const CREATE_EXTENSION = /\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"([^"]+)"|([a-z_][a-z0-9_$-]*))/gi;

/** Extensions that SQL text creates, as CREATE EXTENSION names them. */
export function extensionsCreatedIn(sql: string): string[] {
  const names = new Set<string>();
  for (const m of sql.replace(/--[^\n]*/g, '').matchAll(CREATE_EXTENSION)) names.add((m[1] ?? m[2]).toLowerCase());
  return [...names];
}

/** Extensions a migration set creates (its UP sections). */
export function extensionsCreatedBy(set: MigrationSet): string[] {
  return [...new Set(set.migrations.flatMap((m) => extensionsCreatedIn(sectionText(m.up))))];
}

/** PGlite's `extensions` option: pgvector always, and each loadable one of `names`. */
export async function pgliteExtensions(names: readonly string[] = []): Promise<Extensions> {
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const out: Extensions = { vector };
  for (const name of new Set(names)) {
    const archive = PGLITE_ARCHIVES[name];
    if (archive) out[name.replace(/-/g, '_')] = pgliteExtension(name, archive);
  }
  return out;
}
