// A history row as the database would return it, for status and plan tests without a database.
import type { HistoryRow } from '../../src/core/db/history';
import type { MigrationSet } from '../../src/core/migrations/types';

/** Applied with the file's checksum unless `over` says otherwise; a version not on disk gets stand-ins. */
export function historyRow(set: MigrationSet, version: string, over: Partial<HistoryRow> = {}): HistoryRow {
  const m = set.migrations.find((x) => x.version === version);
  return {
    version, name: m?.name ?? 'gone', checksum: m?.checksum ?? 'abc', appliedAt: new Date('2026-01-01T00:00:00Z'), durationMs: 5,
    appliedBy: 'me', direction: 'up', state: 'applied', statementsDone: 1, error: null, ...over,
  };
}
