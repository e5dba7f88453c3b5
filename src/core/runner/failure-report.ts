// A failed migration as an editor shows it: the span of the failing statement in its file, and
// the server's words (message, SQLSTATE, detail, hint) with anything secret taken out.
import type { MigrationFailure } from './execute';
import { LineIndex } from '../sql/positions';
import { redactSecrets } from '../db/redact';

export interface Span {
  /** 1-based lines and columns; the end is exclusive. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface FailureReport {
  /** Absolute path of the file that holds the failing section. */
  file: string;
  /** The failing statement (or the section's start when the failure came before any statement). */
  span: Span;
  message: string;
  sqlstate?: string;
  detail?: string;
  hint?: string;
  fix?: string;
}

export function reportFailure(failure: MigrationFailure): FailureReport {
  const section = failure.direction === 'up' ? failure.migration.up : failure.migration.down!;
  const lines = new LineIndex(section.fileText);
  const stmt = failure.statement;
  const start = lines.positionAt(stmt ? stmt.start : section.start);
  const end = stmt ? lines.positionAt(stmt.end) : { line: start.line, column: lineLength(section.fileText, lines, start.line) + 1 };
  return {
    file: section.file,
    span: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
    message: redactSecrets(failure.message),
    sqlstate: failure.sqlstate,
    detail: failure.detail && redactSecrets(failure.detail),
    hint: failure.hint && redactSecrets(failure.hint),
    fix: failure.fix,
  };
}

/** The message, then SQLSTATE, detail and hint, one per line: what a hover shows. */
export function failureText(report: FailureReport): string {
  return [
    report.message,
    report.sqlstate && `SQLSTATE ${report.sqlstate}`,
    report.detail && `detail: ${report.detail}`,
    report.hint && `hint: ${report.hint}`,
    report.fix && `fix: ${report.fix}`,
  ].filter(Boolean).join('\n');
}

function lineLength(text: string, lines: LineIndex, line: number): number {
  const start = lines.offsetAt({ line, column: 1 });
  const newline = text.indexOf('\n', start);
  return (newline === -1 ? text.length : newline) - start;
}
