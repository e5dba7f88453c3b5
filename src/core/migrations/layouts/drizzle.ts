// drizzle-kit: `NNNN_<name>.sql` files whose statements are separated by
// `--> statement-breakpoint` (a comment to PostgreSQL), applied in the order of
// `meta/_journal.json`, UP only. The journal's `tag` is the file name without `.sql`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Layout, LayoutOrder } from './layout';

const DRIZZLE_FILE_NAME = /^(\d+)_([^/]+)\.sql$/;
export const DRIZZLE_JOURNAL = path.join('meta', '_journal.json');

export interface DrizzleJournalEntry {
  idx: number;
  when: number;
  tag: string;
  breakpoints?: boolean;
}

export function readDrizzleJournal(dir: string): DrizzleJournalEntry[] | undefined {
  const file = path.join(dir, DRIZZLE_JOURNAL);
  if (!fs.existsSync(file)) return undefined;
  try {
    const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries?: DrizzleJournalEntry[] };
    return Array.isArray(journal.entries) ? journal.entries : [];
  } catch {
    return [];
  }
}

export const drizzleLayout: Layout = {
  id: 'drizzle',
  expectedName: '<NNNN>_<name>.sql listed in meta/_journal.json, e.g. 0000_init.sql',
  // drizzle-kit makes up names (0003_wild_spiderman) and keeps four digits.
  nameConvention: { uniformVersionWidth: true },
  matchFile(fileName) {
    const m = DRIZZLE_FILE_NAME.exec(fileName);
    return m ? { version: m[1], name: m[2], role: 'single' } : undefined;
  },
  detect(_files, dir) {
    return fs.existsSync(path.join(dir, DRIZZLE_JOURNAL));
  },
  readSections(text) {
    return { up: { start: 0, end: text.length } };
  },
  readOrder(dir): LayoutOrder | undefined {
    const entries = readDrizzleJournal(dir);
    if (!entries) return undefined;
    const versions = [...entries].sort((a, b) => a.idx - b.idx).map((e) => DRIZZLE_FILE_NAME.exec(`${e.tag}.sql`)?.[1] ?? e.tag);
    return { versions, source: path.join(dir, DRIZZLE_JOURNAL) };
  },
};
