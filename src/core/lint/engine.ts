// The lint engine: parse the set once, build the schema model lazily, run each enabled rule,
// then turn its reports into findings (severity from the config, 1-based positions, disable
// comments applied). Rules never parse, read files or see each other's findings.
import type { ProjectConfig } from '../config/config';
import type { LoadedConfig } from '../config/config';
import { loadProjectMigrations } from '../migrations/discover';
import type { MigrationSet } from '../migrations/types';
import { ensureParser } from '../sql/parser';
import { LineIndex } from '../sql/positions';
import { isSilenced, silencedRanges, Silenced } from './disable-comments';
import type { TextOverrides } from './overrides';
import { parseMigrationSet, ParsedSet } from './parse-set';
import { ALL_RULES } from './rules';
import { schemaSnapshots } from '../model';
import { effectiveSeverity, ruleOptions } from './severity';
import { limitsFromOptions, LintLimits } from './lint-limits';
import { lintLimit } from './rules/lint-limit';
import type { Finding, ParsedStatement, Report, Rule, RuleContext } from './types';

export { ensureParser };
export { parseMigrationSet } from './parse-set';
export type { ParsedSet } from './parse-set';

export interface LintOptions {
  /** The rules to run; every rule by default. */
  rules?: readonly Rule[];
  /** Unsaved editor text by absolute file path; wins over the text on disk. */
  overrides?: TextOverrides;
}

/** Lints a discovered set. The parser must be loaded: `await ensureParser()` once per process. */
export function lintMigrationSet(set: MigrationSet, config: ProjectConfig, options: LintOptions = {}): Finding[] {
  const parsed = parseMigrationSet(set, options.overrides, lintLimitsFor(config));
  return lintParsedSet(parsed, config, options.rules ?? ALL_RULES);
}

/** The sizes and depth the linter parses, from the lint-limit rule's options. */
export function lintLimitsFor(config: ProjectConfig): LintLimits {
  return limitsFromOptions(ruleOptions(lintLimit.meta, config));
}

/** Loads the parser and the project's migrations, then lints them. */
export async function lintProject(project: LoadedConfig, options: LintOptions = {}): Promise<Finding[]> {
  await ensureParser();
  const set = loadProjectMigrations(project);
  return lintMigrationSet(set, project.config, options);
}

export function lintParsedSet(parsed: ParsedSet, config: ProjectConfig, rules: readonly Rule[]): Finding[] {
  const snapshots = schemaSnapshots(parsed.migrations);
  const files = new FileIndex(parsed);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = effectiveSeverity(rule.meta, config);
    if (severity === 'off') continue;
    const ctx: RuleContext = {
      config,
      options: ruleOptions(rule.meta, config),
      migrations: parsed.migrations,
      migrationSet: parsed.set,
      schemaBefore: snapshots.before,
      schemaAfter: snapshots.after,
      report: (r: Report) => {
        if (files.silenced(r.file, rule.meta.id, r.start)) return;
        findings.push(files.toFinding(r, rule, severity));
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // One broken rule must not hide every other finding; say which rule broke, and where.
      const file = parsed.migrations[0]?.migration.files[0] ?? parsed.set.dir;
      findings.push(files.toFinding(
        { file, start: 0, end: 0, message: `internal error in rule ${rule.meta.id}: ${(err as Error).message}`, help: 'report this with the migration that triggers it; the other rules still ran' },
        rule, 'error',
      ));
    }
  }
  return findings.sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule);
}

/** Per file: its text, line index, statements and disable comments, built on first use. */
class FileIndex {
  private readonly texts = new Map<string, string>();
  private readonly statements = new Map<string, ParsedStatement[]>();
  private readonly lines = new Map<string, LineIndex>();
  private readonly silences = new Map<string, Silenced[]>();

  constructor(private readonly parsed: ParsedSet) {
    for (const m of parsed.migrations) {
      for (const section of [m.up, m.down]) {
        if (!section) continue;
        this.texts.set(section.section.file, section.section.fileText);
        const list = this.statements.get(section.section.file) ?? [];
        for (const stmt of section.statements) list.push(stmt); // a spread of 100,000s of arguments overflows the stack
        this.statements.set(section.section.file, list);
      }
    }
  }

  silenced(file: string, rule: string, start: number): boolean {
    let ranges = this.silences.get(file);
    if (!ranges) {
      const text = this.texts.get(file) ?? '';
      ranges = silencedRanges(text, this.parsed.comments.get(file) ?? [], this.statements.get(file) ?? []);
      this.silences.set(file, ranges);
    }
    return ranges.length > 0 && isSilenced(ranges, rule, start);
  }

  toFinding(r: Report, rule: Rule, severity: Finding['severity']): Finding {
    let index = this.lines.get(r.file);
    if (!index) {
      index = new LineIndex(this.texts.get(r.file) ?? '');
      this.lines.set(r.file, index);
    }
    const start = index.positionAt(r.start);
    const end = index.positionAt(Math.max(r.start, r.end));
    return {
      ...r,
      rule: rule.meta.id,
      severity,
      checklistItem: rule.meta.checklistItem,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  }
}
