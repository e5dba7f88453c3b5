// Matches another tool's history to the migration files: by the version or name the tool keeps,
// and, where it keeps a checksum, only when the file is still what the tool applied.
import * as path from 'node:path';
import type { Migration, MigrationSet } from '../types';
import { isNumericVersion, compareVersions, versionKey } from '../version';
import { readDrizzleJournal } from '../layouts/drizzle';
import { toolChecksum } from './checksums';
import type { ForeignHistory, ForeignRecord } from './types';

export interface ForeignMatch {
  history: ForeignHistory;
  /** Files the tool recorded as applied, unchanged since. */
  matched: Migration[];
  /** Files the tool recorded as applied whose text differs from what it applied (its checksum). */
  changed: { migration: Migration; record: ForeignRecord }[];
  /** Records of the tool with no file here. */
  unknownRecords: ForeignRecord[];
  /** Files the tool has not recorded: still to apply. */
  unrecorded: Migration[];
}

/** The identity a tool keeps for a file: its version, Prisma's folder, sqitch's change, a file stem. */
function keyOf(history: ForeignHistory, m: Migration): string {
  switch (history.tool) {
    case 'prisma': return path.basename(path.dirname(m.files[0]));
    case 'sqitch': return m.version;
    case 'node-pg-migrate': return path.basename(m.files[0]).replace(/(\.up)?\.sql$/i, '');
    default: return versionKey(m.version);
  }
}

function recordKey(history: ForeignHistory, r: ForeignRecord): string | undefined {
  if (history.tool === 'prisma' || history.tool === 'sqitch' || history.tool === 'node-pg-migrate') return r.name;
  return r.version === undefined ? undefined : versionKey(r.version);
}

export function matchForeignHistory(set: MigrationSet, history: ForeignHistory): ForeignMatch {
  const result: ForeignMatch = { history, matched: [], changed: [], unknownRecords: [], unrecorded: [] };
  if (history.upTo !== undefined) return matchUpTo(set, history, result);
  const when = history.tool === 'drizzle' ? drizzleWhen(set) : undefined;
  const used = new Set<ForeignRecord>();
  for (const m of set.migrations) {
    const checksum = toolChecksum(history.tool, m.up.fileText);
    const record = history.tool === 'drizzle'
      ? history.records.find((r) => r.checksum === checksum) ?? history.records.find((r) => r.createdAt !== undefined && r.createdAt === when?.get(m.version))
      : history.records.find((r) => recordKey(history, r) === keyOf(history, m));
    if (!record) {
      result.unrecorded.push(m);
      continue;
    }
    used.add(record);
    if (record.checksum !== undefined && checksum !== undefined && record.checksum !== checksum) result.changed.push({ migration: m, record });
    else result.matched.push(m);
  }
  result.unknownRecords = history.records.filter((r) => !used.has(r));
  return result;
}

/** golang-migrate keeps only the current version: everything up to it is applied. */
function matchUpTo(set: MigrationSet, history: ForeignHistory, result: ForeignMatch): ForeignMatch {
  for (const m of set.migrations) {
    if (isNumericVersion(m.version) && compareVersions(m.version, history.upTo!) <= 0) result.matched.push(m);
    else result.unrecorded.push(m);
  }
  if (!set.migrations.some((m) => versionKey(m.version) === versionKey(history.upTo!))) {
    result.unknownRecords.push({ version: history.upTo, label: history.upTo! });
  }
  return result;
}

function drizzleWhen(set: MigrationSet): Map<string, number> {
  const entries = readDrizzleJournal(set.dir) ?? [];
  return new Map(entries.map((e) => [/^(\d+)_/.exec(e.tag)?.[1] ?? e.tag, e.when]));
}
