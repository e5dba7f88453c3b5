// `lint --cache`: the findings of the last run, kept in one file and used again while nothing
// they depend on changed: the text of every file the run reads, the project's config, the tool's
// version and rule catalogue, and what was asked. Rules reason across a migration set (versions,
// the schema the earlier files build), so the key covers the whole set, not each file alone.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CacheInputs {
  toolVersion: string;
  ruleIds: readonly string[];
  config: unknown;
  /** What was asked (paths, standard input's name), so another question never gets this answer. */
  request: unknown;
  /** Every file the run reads, with its text. */
  files: readonly { file: string; text: string }[];
}

/** What the run printed (in the format asked, which is part of the key) and what it counted. */
export interface CachedRun {
  key: string;
  output: string;
  errors: number;
  warnings: number;
}

export function cacheKey(inputs: CacheInputs): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([inputs.toolVersion, inputs.ruleIds, inputs.config, inputs.request]));
  for (const f of [...inputs.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    hash.update(`\u0000${f.file}\u0000${f.text.length}\u0000`);
    hash.update(f.text);
  }
  return hash.digest('hex');
}

/** The cached findings when the cache file holds a run with this key; anything unreadable is a miss. */
export function readCache(location: string, key: string): CachedRun | undefined {
  try {
    const cached = JSON.parse(fs.readFileSync(location, 'utf8')) as CachedRun;
    return cached.key === key && typeof cached.output === 'string' ? cached : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache(location: string, run: CachedRun): void {
  fs.mkdirSync(path.dirname(location), { recursive: true });
  const temp = `${location}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(run));
  fs.renameSync(temp, location); // a reader never sees half a file
}

/** The SQL files a directory target reads, with their texts. */
export function sqlFilesOf(dir: string): { file: string; text: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.sql'));
  } catch {
    return [];
  }
  return names.map((n) => {
    const file = path.join(dir, n);
    try {
      return { file, text: fs.readFileSync(file, 'latin1') };
    } catch {
      return { file, text: '' };
    }
  });
}

/** The version in the tool's package.json (found above this module, in a bundle or in sources). */
export function toolVersion(): string {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pgvector-migrator') return pkg.version ?? '0';
    } catch {
      // not here; look one level up
    }
  }
  return '0';
}
