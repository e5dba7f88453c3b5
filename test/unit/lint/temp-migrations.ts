// Writes migration files to a temp directory for one test and removes them afterwards.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LayoutId } from '../../../src/core/config/config';
import { loadMigrationSet } from '../../../src/core/migrations/discover';
import type { MigrationSet } from '../../../src/core/migrations/types';

export function withMigrationSet<T>(files: Record<string, string>, fn: (set: MigrationSet, dir: string) => T, layout: LayoutId = 'auto'): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-lint-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return fn(loadMigrationSet(dir, layout), dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
