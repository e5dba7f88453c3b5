// Prisma: one folder per migration, `<timestamp>_<name>/migration.sql`, UP only; the folder
// also holds `migration_lock.toml`. Prisma's own history names a migration by its folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Layout } from './layout';

const PRISMA_FILE_NAME = /^(\d+)_([^/]+)\/migration\.sql$/;

export const prismaLayout: Layout = {
  id: 'prisma',
  expectedName: '<timestamp>_<name>/migration.sql, e.g. 20240101120000_init/migration.sql',
  // Prisma names the folder after whatever `--name` was given.
  nameConvention: { uniformVersionWidth: false },
  matchFile(fileName) {
    const m = PRISMA_FILE_NAME.exec(fileName);
    return m ? { version: m[1], name: m[2], role: 'single' } : undefined;
  },
  detect(files, dir) {
    return fs.existsSync(path.join(dir, 'migration_lock.toml')) || files.some((f) => PRISMA_FILE_NAME.test(f.name));
  },
  readSections(text) {
    return { up: { start: 0, end: text.length } };
  },
};

/** The folder name Prisma records in `_prisma_migrations.migration_name`. */
export function prismaMigrationName(version: string, name: string): string {
  return `${version}_${name}`;
}
