// The findings of the whole rule catalogue on test/fixtures/lint-corpus, in a form that is
// stable across machines (file names, not paths) and complete (positions, messages, fixes), so
// that a change to the splitter, the parser's use or the rules' dispatch that alters any finding
// shows up as a diff.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { ensureParser, lintMigrationSet } from '../../src/core/lint/engine';
import { loadMigrationSet } from '../../src/core/migrations/discover';

export interface SnapshotFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
  help?: string;
  fix?: { title: string; edits: { file: string; start: number; end: number; newText: string }[] };
}

export const SNAPSHOT_FILE = 'findings.json';

export async function corpusFindings(dir: string): Promise<SnapshotFinding[]> {
  await ensureParser();
  const set = loadMigrationSet(dir);
  return lintMigrationSet(set, DEFAULT_CONFIG).map((f) => ({
    file: path.basename(f.file),
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    help: f.help,
    fix: f.fix && { title: f.fix.title, edits: f.fix.edits.map((e) => ({ file: path.basename(e.file), start: e.start, end: e.end, newText: e.newText })) },
  }));
}

export async function writeSnapshot(dir: string): Promise<void> {
  const findings = await corpusFindings(dir);
  fs.writeFileSync(path.join(dir, SNAPSHOT_FILE), JSON.stringify(findings, null, 1) + '\n');
}
