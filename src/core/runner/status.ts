// Joins the files on disk with the history table: one entry per version, in version order.
import type { Migration, MigrationSet } from '../migrations/types';
import type { HistoryRow } from '../db/history';
import { compareVersions, versionKey } from '../migrations/version';

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
}

export function computeStatus(set: MigrationSet, history: HistoryRow[]): StatusEntry[] {
  const byVersion = new Map(history.map((h) => [versionKey(h.version), h]));
  const entries: StatusEntry[] = set.migrations.map((m) => {
    const h = byVersion.get(versionKey(m.version));
    byVersion.delete(versionKey(m.version));
    return entryFor(m, h);
  });
  for (const h of byVersion.values()) {
    if (h.state === 'rolled_back') continue; // rolled back and then deleted: nothing to show
    entries.push({
      version: h.version, name: h.name, state: 'missing', appliedAt: h.appliedAt, durationMs: h.durationMs,
      checksum: h.checksum, history: h,
    });
  }
  return entries.sort((a, b) => compareVersions(a.version, b.version) || (a.file ?? '').localeCompare(b.file ?? ''));
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
