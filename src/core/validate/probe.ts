// A row-level check contributes aggregates to its table's single scan (a "probe"), then judges
// the numbers. Values travel as $n parameters; identifiers arrive already quoted by the server.
import type { Db } from '../db/types';
import type { CheckId, CheckResult } from './types';
import type { Column, Table } from './catalog';

/** Collects the parameters of one query: `p.add(768, 'int4')` -> "$1::int4". */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** A result of a check, before the scan adds its sample keys. */
export type Finding = Omit<CheckResult, 'sample'>;

export interface Judged {
  finding: Finding;
  /** Condition selecting offending rows, for the sample query; absent when nothing failed. */
  offending?: (p: Params) => string;
}

/** What a probe's SQL may refer to inside its table's scan. */
export interface ScanContext {
  table: Table;
  /** The scanned row's column: "t.<quoted>". */
  col(column: Column): string;
  /** The detoasted vector of a column, read once per row however many probes use it. */
  vec(column: Column): string;
  /** The vector extension's schema, quoted: its functions may be outside search_path. */
  ext: string;
}

export interface RowProbe {
  /** Runs in the scan's transaction before the scan, e.g. to read a sequence's next value. */
  prepare?(db: Db): Promise<void>;
  /** Aggregate expressions, each one value in `judge`'s `values`, in order. */
  aggregates(ctx: ScanContext, p: Params): string[];
  /** An expression to group by in its own grouping set: `judge` gets its histogram. */
  histogram?(ctx: ScanContext, p: Params): string;
  judge(values: unknown[], histogram: Map<string, number> | undefined, ctx: ScanContext): Judged[];
  /** Results to report when the scan fails: which checks this probe stood for. */
  covers: { id: CheckId; column: string | null }[];
}

export function finding(id: CheckId, table: Table | null, column: string | null, rest: Pick<Finding, 'status' | 'rows' | 'message' | 'remediation' | 'object'>): Finding {
  return { id, table: table ? table.display : null, column, ...rest };
}

export function count(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** "1 row" / "3 rows". */
export function rowsText(n: number): string {
  return `${n} row${n === 1 ? '' : 's'}`;
}

/** "1 row holds" / "3 rows hold": the count with its verb agreeing. */
export function rowsVerb(n: number, singular: string, plural: string): string {
  return `${rowsText(n)} ${n === 1 ? singular : plural}`;
}
