// Taking over another tool's history: the migrations it recorded as applied (and whose files are
// still what it applied) are recorded in our history as applied, adopted from it. Nothing else
// changes: no migration runs, the other tool's table is only read.
import * as path from 'node:path';
import type { Db } from '../db/types';
import type { ProjectConfig } from '../config/config';
import type { Migration, MigrationSet } from '../migrations/types';
import { acquireRunLock } from '../db/advisory-lock';
import { ensureHistoryTable, readHistory, writeHistory } from '../db/history';
import { readForeignHistories, FOREIGN_TOOLS } from '../migrations/foreign/readers';
import { matchForeignHistory, ForeignMatch } from '../migrations/foreign/match';
import type { ForeignHistory, ForeignToolId } from '../migrations/foreign/types';
import { MigratorError } from '../errors';
import type { StatusEntry } from './status';

export interface AdoptOptions {
  from?: ForeignToolId;
  dryRun?: boolean;
}

export interface AdoptResult {
  match: ForeignMatch;
  /** Recorded in our history by this run (or that would be, with dryRun). */
  adopted: Migration[];
  /** Matched, and already applied in our history. */
  alreadyOurs: Migration[];
}

const fileName = (set: MigrationSet, m: Migration) => path.relative(set.dir, m.files[0]);

export function adoptedBy(history: ForeignHistory): string {
  return `adopted from ${history.label} (${history.table})`;
}

export async function adoptForeignHistory(db: Db, set: MigrationSet, config: ProjectConfig, options: AdoptOptions = {}): Promise<AdoptResult> {
  const history = chooseHistory(await readForeignHistories(db, options.from), options.from);
  if (history.dirty) {
    throw new MigratorError(`${history.label} marks version ${history.upTo} dirty in ${history.table}: it failed half-way, so what it applied is unknown; nothing was adopted`, {
      fix: `check what version ${history.upTo} left in the database, finish or undo it, and clear the flag (\`migrate force ${history.upTo}\` or UPDATE ${history.table} SET dirty = false), then adopt again`,
    });
  }
  const match = matchForeignHistory(set, history);
  const ours = new Map((await readHistory(db, config.historyTable)).map((h) => [h.version, h]));
  const isOurs = (m: Migration) => ours.get(m.version)?.state === 'applied';
  const adopted = match.matched.filter((m) => !isOurs(m));
  const alreadyOurs = match.matched.filter(isOurs);
  if (options.dryRun || adopted.length === 0) return { match, adopted, alreadyOurs };
  const lock = await acquireRunLock(db, config.historyTable, config.advisoryLockTimeout);
  try {
    await ensureHistoryTable(db, config.historyTable);
    await db.execute('BEGIN');
    try {
      for (const m of adopted) {
        await writeHistory(db, config.historyTable, {
          version: m.version, name: m.name, checksum: m.checksum, durationMs: 0, direction: 'up', state: 'applied',
          statementsDone: 0, error: null, appliedBy: adoptedBy(history),
        });
      }
      await db.execute('COMMIT');
    } catch (err) {
      await db.execute('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await lock.release();
  }
  return { match, adopted, alreadyOurs };
}

function chooseHistory(found: ForeignHistory[], from: ForeignToolId | undefined): ForeignHistory {
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    throw new MigratorError(from ? `found no ${from} history in this database` : 'found no other tool\'s history in this database: nothing to adopt', {
      fix: `adopt reads the history tables of ${FOREIGN_TOOLS.join(', ')}; check --database-url points at the database that tool migrated`,
    });
  }
  throw new MigratorError(`found the histories of ${found.map((h) => `${h.label} (${h.table})`).join(' and ')}; adopt one at a time`, {
    fix: `pass --from ${found[0].tool} (or another of them)`,
  });
}

/**
 * `up` beside another tool's history: refuses to apply anything that tool recorded as applied,
 * which would run it a second time.
 */
export function refuseForeignApplied(status: StatusEntry[], set: MigrationSet, histories: ForeignHistory[]): void {
  for (const history of histories) {
    const match = matchForeignHistory(set, history);
    const theirs = new Set([...match.matched, ...match.changed.map((c) => c.migration)]);
    const pending = status.filter((e) => e.migration && (e.state === 'pending' || e.state === 'failed') && theirs.has(e.migration));
    if (pending.length === 0) continue;
    const names = pending.slice(0, 5).map((e) => fileName(set, e.migration!)).join(', ') + (pending.length > 5 ? `, ... (${pending.length} in all)` : '');
    throw new MigratorError(`${pending.length} pending migration(s) were already applied by ${history.label}, which recorded them in ${history.table}: ${names}; applying them would run them twice, so nothing was applied`, {
      location: { file: pending[0].migration!.files[0] },
      fix: `run \`pgvector-migrator adopt --from ${history.tool}\` to record them as applied in our history (\`--dry-run\` shows what it would record), then \`up\` again`,
    });
  }
}
