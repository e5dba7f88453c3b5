// A table runner for lint rules, in the spirit of eslint's RuleTester: each case is SQL written
// to a real temp migrations directory, discovered and parsed like a user's, and linted with ONLY
// the rule under test. Files are written exactly as given (no header is added), so the lines and
// columns in a case are the lines and columns of its text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG, ProjectConfig, RuleSetting } from '../../../src/core/config/config';
import { lintMigrationSet, ensureParser } from '../../../src/core/lint/engine';
import type { Finding, Rule } from '../../../src/core/lint/types';
import { loadMigrationSet } from '../../../src/core/migrations/discover';

export interface CaseOptions {
  /** Test title; defaults to the first line of the SQL. */
  name?: string;
  /** Config keys to override (embedding, postgresVersion, layout, ...). */
  config?: Partial<ProjectConfig>;
  /** Options for the rule under test, as `"rule": [severity, options]` would give. */
  options?: Record<string, unknown>;
  /** Accepted for compatibility: files are always written exactly as given. */
  rawFile?: boolean;
}

/** One migration's SQL in `0001_test.sql`, or several files by name. */
export type Case = string | (CaseOptions & ({ sql: string; files?: undefined } | { files: Record<string, string>; sql?: undefined }));

export interface ExpectedError {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: RegExp | string;
  /** File name (as in `files`) when the case has several; defaults to any. */
  file?: string;
  severity?: Finding['severity'];
}

export type InvalidCase = Exclude<Case, string> & {
  errors: ExpectedError[];
  /** The single file's text after applying every finding's fix (null: no fix offered). */
  output?: string | null;
};

export interface RuleTests {
  valid: Case[];
  invalid: InvalidCase[];
}

export const DEFAULT_FILE = '0001_test.sql';

/** Registers a mocha `describe` with one `it` per case. */
export function ruleTester(rule: Rule, tests: RuleTests): void {
  describe(`rule ${rule.meta.id}`, () => {
    before(() => ensureParser());
    for (const c of tests.valid) {
      it(`stays silent on ${title(c)}`, () => {
        const { findings } = runCase(rule, c);
        assert.deepEqual(findings.map(describeFinding), [], 'expected no findings');
      });
    }
    for (const c of tests.invalid) {
      it(`reports ${title(c)}`, () => {
        const { findings, files, dir } = runCase(rule, c);
        assertErrors(findings, c.errors, dir);
        if (c.output !== undefined) assertOutput(findings, files, c.output);
      });
    }
  });
}

export interface CaseRun {
  findings: Finding[];
  /** File name -> text as written. */
  files: Record<string, string>;
  dir: string;
}

/** Writes a case to a temp dir, lints it with `rule` only, and cleans up. */
export function runCase(rule: Rule, c: Case): CaseRun {
  const spec = typeof c === 'string' ? { sql: c } : c;
  const files = spec.files ?? { [DEFAULT_FILE]: spec.sql ?? '' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-rule-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const config = caseConfig(rule, spec);
    const set = loadMigrationSet(dir, config.layout);
    const findings = lintMigrationSet(set, config, { rules: [rule] });
    return { findings, files, dir };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function caseConfig(rule: Rule, spec: CaseOptions): ProjectConfig {
  const setting: RuleSetting = { severity: rule.meta.defaultSeverity, options: spec.options };
  return {
    ...DEFAULT_CONFIG,
    embedding: { ...DEFAULT_CONFIG.embedding },
    extra: {},
    ...spec.config,
    rules: { ...(spec.config?.rules ?? {}), [rule.meta.id]: spec.config?.rules?.[rule.meta.id] ?? setting },
  };
}

function title(c: Case): string {
  if (typeof c !== 'string' && c.name) return c.name;
  const text = typeof c === 'string' ? c : c.sql ?? Object.entries(c.files ?? {}).map(([n]) => n).join(' + ');
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('--')) ?? text.trim().split('\n')[0] ?? '';
  return JSON.stringify(line.length > 70 ? `${line.slice(0, 67)}...` : line);
}

function describeFinding(f: Finding): string {
  return `${path.basename(f.file)}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.message}`;
}

function assertErrors(findings: Finding[], expected: ExpectedError[], dir: string): void {
  const got = findings.map(describeFinding).join('\n  ');
  assert.equal(findings.length, expected.length, `expected ${expected.length} finding(s), got ${findings.length}:\n  ${got}`);
  expected.forEach((e, i) => {
    const f = findings[i];
    const where = `finding ${i + 1} (${describeFinding(f)})`;
    if (e.file !== undefined) assert.equal(path.relative(dir, f.file), e.file, `${where}: file`);
    assert.deepEqual({ line: f.line, column: f.column }, { line: e.line, column: e.column }, `${where}: position`);
    if (e.endLine !== undefined) assert.equal(f.endLine, e.endLine, `${where}: endLine`);
    if (e.endColumn !== undefined) assert.equal(f.endColumn, e.endColumn, `${where}: endColumn`);
    if (e.severity !== undefined) assert.equal(f.severity, e.severity, `${where}: severity`);
    if (typeof e.message === 'string') assert.equal(f.message, e.message, `${where}: message`);
    else if (e.message) assert.match(f.message, e.message, `${where}: message`);
  });
}

function assertOutput(findings: Finding[], files: Record<string, string>, output: string | null): void {
  const fixes = findings.filter((f) => f.fix);
  if (output === null) {
    assert.equal(fixes.length, 0, 'expected no fix to be offered');
    return;
  }
  assert.ok(fixes.length > 0, 'expected a fix to be offered');
  const names = Object.keys(files);
  assert.equal(names.length, 1, '`output` is only for single-file cases');
  assert.equal(applyFixes(files[names[0]], findings), output);
}

/** Applies every finding's fix edits to one text, last edit first; overlapping edits are skipped. */
export function applyFixes(text: string, findings: Finding[]): string {
  const edits = findings.flatMap((f) => f.fix?.edits ?? []).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let floor = Infinity;
  for (const e of edits) {
    if (e.end > floor) continue;
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    floor = e.start;
  }
  return out;
}
