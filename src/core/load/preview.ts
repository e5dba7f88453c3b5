// What a load would do, before anything is written: for the editor's dialog.
import type { Db } from '../db/types';
import { LoadOptions, nextRecord, prepare } from './prepare';
import type { Rejection } from './types';

const PREVIEW_REJECTIONS = 20;

export interface LoadPreview {
  /** "schema.table" as the catalog spells it. */
  table: string;
  /** Each loaded column: its name and type in the table (file order). */
  columns: { name: string; type: string }[];
  /** Table columns the file leaves out (they get their defaults, or NULL). */
  leftOut: string[];
  rowsChecked: number;
  /** Bad rows among the first `rows`. */
  rejections: Rejection[];
  /** An interrupted load of this file into this table, when there is one. */
  interrupted?: { rowsLoaded: number; committedThroughLine: number };
}

/** What a load would do, from the first `rows` rows: the mapping and the bad rows (nothing is written). */
export async function previewLoad(db: Db, options: Omit<LoadOptions, 'resume' | 'truncate' | 'dryRun'>, rows = 1000): Promise<LoadPreview> {
  const p = await prepare(db, { ...options, dryRun: true });
  try {
    const rejections: Rejection[] = [];
    let checked = 0;
    for (let r = await nextRecord(p); r && checked < rows; r = await nextRecord(p)) {
      checked++;
      const c = p.check(r);
      if ('reason' in c && rejections.length < PREVIEW_REJECTIONS) rejections.push({ line: r.line, reason: c.reason });
    }
    const ck = p.checkpoint;
    return {
      table: p.target.display,
      columns: p.mapping.columns.map((c) => ({ name: c.name, type: c.type })),
      leftOut: p.target.columns.filter((c) => !p.mapping.columns.includes(c)).map((c) => c.name),
      rowsChecked: checked,
      rejections,
      interrupted: ck?.state === 'running' && ck.rowsLoaded > 0 ? { rowsLoaded: ck.rowsLoaded, committedThroughLine: ck.committedThroughLine } : undefined,
    };
  } finally {
    p.input.close();
  }
}
