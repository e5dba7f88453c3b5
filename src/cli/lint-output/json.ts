// `lint --format json`: the array DESIGN.md fixes, with files relative to the working directory.
import * as path from 'node:path';
import type { Finding } from '../../core/lint/types';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: Finding['severity'];
  message: string;
}

export function toJsonFindings(findings: readonly Finding[], cwd: string): JsonFinding[] {
  return findings.map((f) => ({
    file: relativePath(cwd, f.file),
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
  }));
}

/** Relative to cwd with forward slashes, so output is the same on every OS. */
export function relativePath(cwd: string, file: string): string {
  return (path.relative(cwd, file) || file).split(path.sep).join('/');
}
