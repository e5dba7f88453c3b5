// Joins the files on disk with the history table: one entry per version, in version order.
import type { Migration, MigrationSet } from '../migrations/types';
import type { HistoryRow } from '../db/history';
import { compareVersions, isNumericVersion, versionKey } from '../migrations/version';
import type { RequiresAnswer } from './requires';

export type MigrationState = 'applied' | 'pending' | 'failed' | 'changed' | 'missing';

export interface StatusEntry {
  version: string;
  name: string;
  /** Absolute path of the (UP) file; undefined for a version that is applied but missing on disk. */
  file?: string;
  state: MigrationState;
  appliedAt?: Date;
  durationMs?: number;
  /** The file's checksum, or the recorded one when the file is missing. */
  checksum: string;
  migration?: Migration;
  history?: HistoryRow;
  /** For a failed migration: the indexes its statements build that the database holds invalid. */
  invalidIndexes?: string[];
  /** A pending migration whose `-- Requires:` precondition is false: `up` stops before it. */
  waiting?: RequiresAnswer;
}

/** In the set's order (which is the layout's apply order); a missing version goes where its number puts it. */
export function computeStatus(set: MigrationSet, history: HistoryRow[]): StatusEntry[] {
  const byKey = new Map<string, HistoryRow[]>();
  for (const h of history) {
    const key = versionKey(h.version);
    const rows = byKey.get(key);
    if (rows) rows.push(h);
    else byKey.set(key, [h]);
  }
  const entries: StatusEntry[] = set.migrations.map((m) => entryFor(m, takeHistoryRow(m, byKey)));
  const missing = [...byKey.values()].flat().filter((h) => h.state !== 'rolled_back') // rolled back and then deleted: nothing to show
    .sort((a, b) => compareVersions(a.version, b.version));
  for (const h of missing) {
    const entry: StatusEntry = {
      version: h.version, name: h.name, state: 'missing', appliedAt: h.appliedAt, durationMs: h.durationMs,
      checksum: h.checksum, history: h,
    };
    const after = isNumericVersion(h.version) ? entries.findIndex((e) => isNumericVersion(e.version) && compareVersions(e.version, h.version) > 0) : -1;
    if (after === -1) entries.push(entry);
    else entries.splice(after, 0, entry);
  }
  return entries;
}

/**
 * The history row of a file, removed from `byKey`: a row of the same version (versionKey), the
 * one spelled exactly like the file's when an older run recorded two spellings ("0" and "0000").
 */
function takeHistoryRow(m: Migration, byKey: Map<string, HistoryRow[]>): HistoryRow | undefined {
  const rows = byKey.get(versionKey(m.version));
  if (!rows || rows.length === 0) return undefined;
  const exact = rows.findIndex((h) => h.version === m.version);
  const [row] = rows.splice(exact === -1 ? 0 : exact, 1);
  return row;
}

function entryFor(m: Migration, h: HistoryRow | undefined): StatusEntry {
  const base = { version: m.version, name: m.name, file: m.files[0], checksum: m.checksum, migration: m, history: h };
  if (!h || h.state === 'rolled_back') return { ...base, state: 'pending' };
  const applied = { ...base, appliedAt: h.appliedAt, durationMs: h.durationMs };
  if (h.state === 'failed') return { ...applied, state: 'failed' };
  return { ...applied, state: h.checksum === m.checksum || h.checksum === m.legacyChecksum ? 'applied' : 'changed' };
}

/** History rows that hold the checksum an earlier release computed for their file, with today's. */
export function legacyChecksumUpgrades(entries: StatusEntry[]): { version: string; checksum: string }[] {
  return entries
    .filter((e) => e.migration && e.history && e.history.checksum !== e.migration.checksum && e.history.checksum === e.migration.legacyChecksum)
    .map((e) => ({ version: e.history!.version, checksum: e.migration!.checksum }));
}

export function countPending(entries: StatusEntry[]): number {
  return entries.filter((e) => e.state === 'pending').length;
}
