// Where a project's migrations are when no config says so: the usual places of each tool, looked
// for under the project folder. The project folder itself (where the embedded database lives) is
// the repository root, where `.git` is, unless a config file says otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface UsualPlace {
  /** Relative to the project folder, `/` separated ('.' for the folder itself). */
  dir: string;
  /** What we look for there, for messages. */
  lookFor: string;
  holdsMigrations(abs: string): boolean;
}

const hasFile = (abs: string, name: string) => fs.existsSync(path.join(abs, name));

/** A folder with a .sql file in it or one folder down (Prisma keeps one folder per migration). */
function holdsSqlFiles(abs: string): boolean {
  if (!isDirectory(abs)) return false;
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) return true;
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      const sub = path.join(abs, entry.name);
      if (fs.readdirSync(sub).some((n) => n.toLowerCase().endsWith('.sql'))) return true;
    }
  }
  return false;
}

export const USUAL_PLACES: UsualPlace[] = [
  { dir: 'prisma/migrations', lookFor: 'prisma/migrations/*/migration.sql', holdsMigrations: holdsSqlFiles },
  { dir: 'supabase/migrations', lookFor: 'supabase/migrations/*.sql', holdsMigrations: holdsSqlFiles },
  { dir: 'drizzle', lookFor: 'drizzle/meta/_journal.json', holdsMigrations: (abs) => hasFile(abs, 'meta/_journal.json') || holdsSqlFiles(abs) },
  { dir: 'db/migrations', lookFor: 'db/migrations/*.sql', holdsMigrations: holdsSqlFiles },
  { dir: 'migrations', lookFor: 'migrations/*.sql', holdsMigrations: (abs) => hasFile(abs, 'meta/_journal.json') || holdsSqlFiles(abs) },
  { dir: 'sql', lookFor: 'sql/*.sql', holdsMigrations: holdsSqlFiles },
  { dir: '.', lookFor: 'sqitch.plan', holdsMigrations: (abs) => hasFile(abs, 'sqitch.plan') },
];

export function isDirectory(abs: string): boolean {
  return fs.existsSync(abs) && fs.statSync(abs).isDirectory();
}

/** The usual places under `projectDir` that hold migrations. */
export function findMigrationFolders(projectDir: string): string[] {
  return USUAL_PLACES.map((p) => path.resolve(projectDir, p.dir)).filter((abs, i) => USUAL_PLACES[i].holdsMigrations(abs));
}

/** The folder that holds `.git` at or above `start`, if any. */
export function findRepositoryRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The project folder of a migrations folder given without a config: the repository root, else
 * the folder it is a usual place of (`app` for `app/supabase/migrations`), else the folder itself.
 */
export function projectDirOf(migrationsDir: string): string {
  const repository = findRepositoryRoot(migrationsDir);
  if (repository) return repository;
  for (const place of USUAL_PLACES) {
    if (place.dir === '.') continue;
    const parts = place.dir.split('/');
    const tail = migrationsDir.split(path.sep).slice(-parts.length);
    if (tail.join('/') === place.dir) return path.resolve(migrationsDir, ...parts.map(() => '..'));
  }
  return migrationsDir;
}

export function searchedPlaces(): string {
  const all = USUAL_PLACES.map((p) => p.lookFor);
  return `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}
