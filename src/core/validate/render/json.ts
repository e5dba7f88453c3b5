// The CLI's JSON: { "checks": [{ id, table, column, status, rows, sample, message, remediation }] },
// plus the optional location (file relative to the working directory, 1-based line) and object.
import type { ValidationReport } from '../types';

export function reportJson(report: ValidationReport, relative: (file: string) => string = (f) => f): unknown {
  return {
    checks: report.checks.map((c) => ({
      id: c.id,
      table: c.table,
      column: c.column,
      status: c.status,
      rows: c.rows,
      sample: c.sample,
      message: c.message,
      remediation: c.remediation,
      ...(c.object !== undefined ? { object: c.object } : {}),
      ...(c.file !== undefined ? { file: relative(c.file), line: c.line ?? null } : {}),
    })),
    ...(report.cancelled ? { cancelled: true } : {}),
  };
}
