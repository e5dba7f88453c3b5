// What a bulk load takes and what it reports. The summary's JSON shape is a contract (the CLI's
// `load --format json` prints it as it is).

export type InputFormat = 'csv' | 'tsv' | 'jsonl';

export interface LoadSummary {
  /** "schema.table" as the catalog spells it. */
  table: string;
  /** Rows committed by this run (a resumed run counts its own rows only). */
  rowsLoaded: number;
  rowsRejected: number;
  /** Batches committed by this run. */
  batches: number;
  durationMs: number;
  /** The input line a resumed run went on after (the last line of the interrupted run), or null. */
  resumedFrom: number | null;
  /** Path of the rejects file, when rows were rejected. */
  rejectsFile: string | null;
}

export interface Rejection {
  /** 1-based input line of the record (its first line), the header counted. */
  line: number;
  reason: string;
}

export interface LoadProgress {
  phase: 'loading' | 'analyzing' | 'indexing' | 'done';
  /** Rows committed so far by this run, and rows sent in the open batch. */
  rowsLoaded: number;
  rowsSent: number;
  rowsRejected: number;
  /** Bytes of the input read so far and in all (compressed bytes for .gz), when known. */
  bytesRead: number;
  bytesTotal?: number;
  elapsedMs: number;
  /** What runs, for the phases after loading: "building chunks_embedding_idx (CONCURRENTLY)". */
  message?: string;
  /** While an index builds on a server: its phase and share done, from pg_stat_progress_create_index. */
  indexBuild?: { index: string; phase: string; percent?: number };
}

/** Why a load ended before its input did. */
export type StopReason = 'rejects' | 'cancelled' | 'connection' | 'server-error';

export interface LoadResult {
  summary: LoadSummary;
  /** Set when the load stopped: what happened and how much is committed. */
  stopped?: { reason: StopReason; message: string; line?: number };
  /** The first rejections (at most 20), for the editor's preview and the CLI's message. */
  firstRejections: Rejection[];
  /** The input line of the last committed row (the resume point), or 0. */
  committedThroughLine: number;
  /** The table was empty when the load began: every row in it went through the checks. */
  tableWasEmpty: boolean;
  /** Indexes that were dropped for the load and built again. */
  rebuiltIndexes: string[];
  dryRun: boolean;
}
