// Joins the files on disk with the history table: one entry per version, in version order.
import type { Migration, MigrationSet } from '../migrations/types';
import type { HistoryRow } from '../db/history';
import { compareVersions, isNumericVersion, versionKey } from '../migrations/version';

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
}

/** In the set's order (which is the layout's apply order); a missing version goes where its number puts it. */
export function computeStatus(set: MigrationSet, history: HistoryRow[]): StatusEntry[] {
  const byVersion = new Map(history.map((h) => [versionKey(h.version), h]));
  const entries: StatusEntry[] = set.migrations.map((m) => {
    const h = byVersion.get(versionKey(m.version));
    byVersion.delete(versionKey(m.version));
    return entryFor(m, h);
  });
  const missing = [...byVersion.values()].filter((h) => h.state !== 'rolled_back') // rolled back and then deleted: nothing to show
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

function entryFor(m: Migration, h: HistoryRow | undefined): StatusEntry {
  const base = { version: m.version, name: m.name, file: m.files[0], checksum: m.checksum, migration: m, history: h };
  if (!h || h.state === 'rolled_back') return { ...base, state: 'pending' };
  const applied = { ...base, appliedAt: h.appliedAt, durationMs: h.durationMs };
  if (h.state === 'failed') return { ...applied, state: 'failed' };
  return { ...applied, state: h.checksum === m.checksum ? 'applied' : 'changed' };
}

export function countPending(entries: StatusEntry[]): number {
  return entries.filter((e) => e.state === 'pending').length;
}
