// The history table against the files: applied migrations whose file changed or disappeared
// (history-drift), and migrations left failed (history-dirty).
import * as path from 'node:path';
import type { Db } from '../db/types';
import { quoteQualified } from '../db/types';
import { readHistory } from '../db/history';
import type { MigrationSet } from '../migrations/types';
import { computeStatus, StatusEntry } from '../runner/status';
import type { CheckResult } from './types';
import { quoteLiteral } from './remediation-sql';

function inspectRow(historyTable: string, entry: StatusEntry): string {
  return `SELECT version, name, checksum, state, applied_at, statements_done, error FROM ${quoteQualified(historyTable)} WHERE version = ${quoteLiteral(entry.version)};`;
}

function label(entry: StatusEntry): string {
  return entry.file ? path.basename(entry.file) : `${entry.version}_${entry.name}`;
}

function result(id: 'history-drift' | 'history-dirty', entry: StatusEntry, message: string, remediation: string): CheckResult {
  return {
    id, table: null, column: null, status: 'fail', rows: null, sample: [], message, remediation, object: entry.version,
    ...(entry.file ? { file: entry.file, line: 1 } : {}),
  };
}

export async function historyChecks(db: Db, set: MigrationSet, historyTable: string): Promise<CheckResult[]> {
  const entries = computeStatus(set, await readHistory(db, historyTable));
  const results: CheckResult[] = [];
  for (const e of entries) {
    if (e.state === 'changed') {
      results.push(result('history-drift', e,
        `${label(e)} changed after it was applied: the database holds what the old text made (checksum ${e.history!.checksum.slice(0, 12)}, file now ${e.checksum.slice(0, 12)})`,
        ['-- restore the applied text from version control and put the change in a new migration; what was recorded:', inspectRow(historyTable, e)].join('\n')));
    } else if (e.state === 'missing') {
      results.push(result('history-drift', e,
        `version ${e.version} (${e.name}) is applied, but its file is missing from ${path.basename(set.dir)}`,
        ['-- restore the file from version control; what was recorded:', inspectRow(historyTable, e)].join('\n')));
    } else if (e.state === 'failed') {
      const done = e.history?.statementsDone ?? 0;
      results.push(result('history-dirty', e,
        `${label(e)} failed${e.history?.error ? ` (${e.history.error})` : ''}; ${done} statement${done === 1 ? '' : 's'} had run outside a transaction and stay applied`,
        ['-- what was recorded:', inspectRow(historyTable, e), '-- undo or finish what ran by hand, fix the file, then run it again: pgvector-migrator up --retry-failed'].join('\n')));
    }
  }
  if (!results.some((r) => r.id === 'history-drift')) {
    results.push({ id: 'history-drift', table: null, column: null, status: 'pass', rows: null, sample: [], message: 'every applied migration matches its file', remediation: null });
  }
  if (!results.some((r) => r.id === 'history-dirty')) {
    results.push({ id: 'history-dirty', table: null, column: null, status: 'pass', rows: null, sample: [], message: 'no migration is left failed', remediation: null });
  }
  return results;
}
