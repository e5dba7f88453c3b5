// What validation produces: one result per check and object (table, column, index, constraint,
// migration). The check ids are a contract: the report, the CLI's JSON and the settings use them.

export const CHECK_IDS = [
  'vector-dimensions',
  'vector-zero-norm',
  'vector-not-normalized',
  'vector-index-coverage',
  'invalid-index',
  'orphaned-rows',
  'constraint-not-validated',
  'null-violations',
  'duplicate-values',
  'sequence-behind',
  'extension-version',
  'history-drift',
  'history-dirty',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'error';

/** A sampled offending row: its primary key value, an object of key columns, or its ctid. */
export type SampleKey = string | number | Record<string, string | number | null>;

export interface CheckResult {
  id: CheckId;
  /** "schema.table" as the catalog spells it (unquoted), or null for database-wide checks. */
  table: string | null;
  column: string | null;
  status: CheckStatus;
  /** Offending rows, for checks that count rows; null for checks about objects. */
  rows: number | null;
  /** Up to ten primary keys of offending rows. */
  sample: SampleKey[];
  message: string;
  /** SQL to inspect or fix the finding (comments say which), or null when there is nothing to run. */
  remediation: string | null;
  /** The index, constraint, sequence or migration the result is about, when it is not the column. */
  object?: string;
  /** Absolute path of the migration that created the object, when one is found. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
}

export interface ValidationReport {
  /** Which database was checked, for the report's heading (no password). */
  database: string;
  startedAt: Date;
  durationMs: number;
  checks: CheckResult[];
  /** True when the run was cancelled: `checks` holds what finished before. */
  cancelled: boolean;
}

export interface ValidateProgress {
  /** Steps finished so far and in all (a step is one table scan or one catalog check). */
  done: number;
  total: number;
  /** What runs next, e.g. "scanning public.chunks". */
  message: string;
}

export interface ValidateOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ValidateProgress) => void;
  /** Run only these checks (the editor's "validate this check again"). */
  only?: readonly CheckId[];
  /** Skip these checks, on top of the config's "validate.skip". */
  skip?: readonly CheckId[];
  /** Check only these tables ("schema.table"): no database-wide checks (a bulk load's summary). */
  tables?: readonly string[];
  /** Overrides "validate.statementTimeout" from the config. */
  statementTimeout?: string;
}

export function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && (CHECK_IDS as readonly string[]).includes(value);
}

export function reportFailed(report: ValidationReport): boolean {
  return report.cancelled || report.checks.some((c) => c.status !== 'pass');
}
