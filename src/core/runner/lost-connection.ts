// After the connection was lost mid-migration, the client does not know whether the server
// committed what it was last sent (the answer to a COMMIT can be lost on the way back). The
// history row is written in the same transaction as the migration (or last, for one that runs
// outside a transaction), so reading it on a fresh connection tells the truth.
import * as path from 'node:path';
import type { Direction, Migration } from '../migrations/types';
import type { Db } from '../db/types';
import { quoteQualified } from '../db/types';

export type LostOutcome = 'committed' | 'not-committed' | 'unknown';

export async function outcomeAfterLoss(db: Db, historyTable: string, m: Migration, direction: Direction): Promise<LostOutcome> {
  if (!db.reconnectAfterLoss) return 'unknown';
  let fresh: Db;
  try {
    fresh = await db.reconnectAfterLoss();
  } catch {
    return 'unknown';
  }
  try {
    const r = await fresh.query<{ state: string; direction: string; checksum: string }>(
      `SELECT state, direction, checksum FROM ${quoteQualified(historyTable)} WHERE version = $1`, [m.version],
    );
    const row = r.rows[0];
    // Before the run the row was absent, rolled back or failed (UP), or applied (DOWN): only the
    // write this run made can have turned it into what it says now.
    const committed = direction === 'up'
      ? row?.state === 'applied' && row.direction === 'up' && row.checksum === m.checksum
      : row?.state === 'rolled_back';
    return committed ? 'committed' : 'not-committed';
  } catch {
    return 'unknown';
  } finally {
    await fresh.close();
  }
}

export interface LostReport {
  message: string;
  fix: string;
}

/** What to tell the user, from what the history says. `where` is "at statement 2 of UP" or "at COMMIT of UP". */
export function lostReport(
  outcome: LostOutcome, m: Migration, direction: Direction, where: string, asWritten?: { done: number; total: number },
): LostReport {
  const file = path.basename(direction === 'up' ? m.files[0] : m.files[m.files.length - 1]);
  if (outcome === 'committed') {
    return {
      message: `${file} was committed before the connection was lost: it is ${direction === 'up' ? 'applied' : 'rolled back'}`,
      fix: `nothing to undo; run \`${direction}\` again for the migrations after it`,
    };
  }
  if (outcome === 'unknown') {
    return {
      message: `lost the connection to the server ${where} of ${file}; outcome unknown: the server cannot be reached to read the history`,
      fix: '`status` tells whether it was applied once the server can be reached again',
    };
  }
  if (!asWritten) {
    return {
      message: `lost the connection to the server ${where} of ${file}; the server did not commit it`,
      fix: 'nothing of this migration was applied (its transaction was rolled back); run it again once the server can be reached',
    };
  }
  return {
    message: `lost the connection to the server ${where} of ${file}`,
    fix: `this migration runs outside a transaction: ${asWritten.done} of ${asWritten.total} statements completed and remain, the one in flight may or may not have; it is marked failed. Check with \`status\` and the schema, undo or finish it by hand, then run \`up --retry-failed\` (or \`down\`)`,
  };
}
