// Linting for an editor: one session per project, holding the project's config and its migration
// set as read from disk, so that a keystroke costs one lint of the set with the open documents'
// text laid over it (statements whose text did not change reuse their parses, see parse-cache.ts).
// Results come with everything an adapter shows: 1-based ranges for every edit, and the
// disable-next-line fix. Nothing here knows about VS Code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, findConfigFile, loadConfigFile, loadProject, LoadedConfig } from '../config/config';
import { lintLimitsFor, lintParsedSet, parseMigrationSet, ParsedSet } from '../lint/engine';
import type { TextOverrides } from '../lint/overrides';
import { ALL_RULES } from '../lint/rules';
import type { Finding, Fix, RuleMeta } from '../lint/types';
import { loadProjectMigrations } from '../migrations/discover';
import type { MigrationSet } from '../migrations/types';
import { LineIndex } from '../sql/positions';
import { ProjectModel } from '../language/project-model';
import { disableNextLineFix, FileSyntax } from './disable-next-line';
import { declareColumnInConfig } from '../config/declare-column';
import { embeddingHoverAt } from './embedding-hover';

export { ensureParser } from '../lint/engine';

/** 1-based, end exclusive, in UTF-16 code units: what Finding uses. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface EditorEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
  span: Span;
}

export interface EditorFix {
  title: string;
  edits: EditorEdit[];
}

export interface EditorFinding {
  finding: Finding;
  /** The rule's own fix. */
  fix?: EditorFix;
  /** Adds `-- pgvector-migrator-disable-next-line <rule>` where it covers the finding. */
  disable?: EditorFix;
  /** Edits of pgvector-migrator.json offered beside the fix ("Declare this column as model X"). */
  declarations?: EditorFix[];
}

export interface LintResult {
  /** Findings by absolute file path, every file of the set included (files without findings map to []). */
  byFile: Map<string, EditorFinding[]>;
}

const RULE_META = new Map<string, RuleMeta>(ALL_RULES.map((r) => [r.meta.id, r.meta]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return RULE_META.get(id);
}

export class ProjectLintSession {
  private set: MigrationSet | undefined;
  /** The last parse and the texts it was made from: lint and the language features share it. */
  private last: { overrides: TextOverrides; parsed: ParsedSet; model?: ProjectModel } | undefined;

  constructor(readonly project: LoadedConfig) {}

  get migrationsDir(): string {
    return this.project.migrationsDir;
  }

  /** Whether `file` is one of the set's files (layouts read the migrations directory, not below it). */
  holds(file: string): boolean {
    return path.dirname(path.resolve(file)) === path.resolve(this.migrationsDir) && file.toLowerCase().endsWith('.sql');
  }

  /** The project's architecture spec (a Markdown file whose ```sql blocks the language features read). */
  get specFile(): string {
    return path.resolve(this.project.projectDir, this.project.config.architectureSpec);
  }

  isSpec(file: string): boolean {
    return path.resolve(file) === this.specFile;
  }

  /** Files were added, removed or changed on disk: read the set again on the next lint. */
  filesChanged(): void {
    this.set = undefined;
    this.last = undefined;
  }

  /** The set parsed with `overrides`; parsed again only when a text differs from the last call's. */
  parse(overrides: TextOverrides): ParsedSet {
    if (this.last && sameTexts(this.last.overrides, overrides)) return this.last.parsed;
    this.set ??= loadProjectMigrations(this.project, this.migrationsDir);
    const parsed = parseMigrationSet(this.set, overrides, lintLimitsFor(this.project.config));
    this.last = { overrides: new Map(overrides), parsed };
    return parsed;
  }

  /**
   * The schema model of the history with `overrides`, for completion, navigation and symbols;
   * `specText` is the spec's unsaved text (the disk's when not given).
   */
  model(overrides: TextOverrides, specText?: string): ProjectModel {
    const parsed = this.parse(overrides);
    if (this.last?.parsed === parsed && this.last.model && this.last.model.spec?.text === specText) return this.last.model;
    const model = new ProjectModel(parsed, this.project.config, { file: this.specFile, text: specText });
    if (this.last?.parsed === parsed) this.last.model = model;
    return model;
  }

  /** Lints the set with `overrides` (open documents' text). The parser must be loaded. */
  lint(overrides: TextOverrides): LintResult {
    const parsed = this.parse(overrides);
    const findings = lintParsedSet(parsed, this.project.config, ALL_RULES);
    const files = new ParsedFiles(parsed, overrides);
    const byFile = new Map<string, EditorFinding[]>();
    for (const file of files.paths()) byFile.set(file, []);
    for (const finding of findings) {
      const list = byFile.get(finding.file) ?? [];
      const syntax = files.syntax(finding.file);
      list.push({
        finding,
        fix: finding.fix && files.withSpans(finding.fix),
        disable: syntax && files.withSpans(disableNextLineFix(finding, syntax)),
        declarations: this.declarationFixes(finding),
      });
      byFile.set(finding.file, list);
    }
    return { byFile };
  }

  /** "local_embedding: model minilm, 384 dims, cosine" for a vector column defined at `offset` of `file` (after a lint). */
  embeddingAt(file: string, offset: number): { text: string; start: number; end: number } | undefined {
    if (!this.last) return undefined;
    return embeddingHoverAt(this.last.parsed, this.project.config, path.resolve(file), offset);
  }

  private declarationFixes(finding: Finding): EditorFix[] | undefined {
    const configFile = this.project.configFile;
    if (!finding.declarations?.length || !configFile) return undefined;
    let text: string;
    try {
      text = fs.readFileSync(configFile, 'utf8');
    } catch {
      return undefined;
    }
    const end = new LineIndex(text).positionAt(text.length);
    const span = { line: 1, column: 1, endLine: end.line, endColumn: end.column };
    return finding.declarations.flatMap((d) => {
      const newText = declareColumnInConfig(text, d);
      return newText === undefined ? [] : [{ title: d.title, edits: [{ file: configFile, start: 0, end: text.length, newText, span }] }];
    });
  }
}

function sameTexts(a: TextOverrides, b: TextOverrides): boolean {
  if (a.size !== b.size) return false;
  for (const [file, text] of b) if (a.get(file) !== text) return false;
  return true;
}

/** The texts, statements and comments of a parsed set, per file, indexed on first use. */
class ParsedFiles {
  private readonly texts = new Map<string, string>();
  private readonly syntaxes = new Map<string, FileSyntax>();
  private readonly lines = new Map<string, LineIndex>();

  constructor(private readonly parsed: ParsedSet, private readonly overrides: TextOverrides) {
    for (const m of parsed.migrations) {
      for (const section of [m.up, m.down]) {
        if (section) this.texts.set(section.section.file, section.section.fileText);
      }
    }
  }

  paths(): string[] {
    return [...this.texts.keys(), ...this.parsed.set.problems.map((p) => p.file)];
  }

  syntax(file: string): FileSyntax | undefined {
    let syntax = this.syntaxes.get(file);
    if (syntax) return syntax;
    const text = this.texts.get(file);
    if (text === undefined) return undefined;
    const statements = this.parsed.migrations.flatMap((m) => [m.up, m.down])
      .filter((s) => s?.section.file === file)
      .flatMap((s) => s!.statements);
    syntax = { text, statements, comments: this.parsed.comments.get(file) ?? [] };
    this.syntaxes.set(file, syntax);
    return syntax;
  }

  /** The fix with 1-based ranges; undefined when one of its files cannot be read. */
  withSpans(fix: Fix | undefined): EditorFix | undefined {
    if (!fix) return undefined;
    const edits: EditorEdit[] = [];
    for (const e of fix.edits) {
      const index = this.lineIndex(e.file);
      if (!index) return undefined;
      const start = index.positionAt(e.start);
      const end = index.positionAt(e.end);
      edits.push({ ...e, span: { line: start.line, column: start.column, endLine: end.line, endColumn: end.column } });
    }
    return { title: fix.title, edits };
  }

  private lineIndex(file: string): LineIndex | undefined {
    let index = this.lines.get(file);
    if (index) return index;
    let text = this.texts.get(file) ?? this.overrides.get(file);
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        return undefined;
      }
    }
    index = new LineIndex(text);
    this.lines.set(file, index);
    return index;
  }
}

/**
 * The sessions of a window, found from the files the user opens: the project owning a file is
 * the nearest pgvector-migrator.json above it, or, with none, a workspace folder whose default
 * migrations directory (db/migrations) holds it.
 */
export class LintSessions {
  private readonly sessions = new Map<string, ProjectLintSession>();
  /** File -> the key of its session, or null when no project owns it. */
  private readonly owners = new Map<string, string | null>();

  constructor(private readonly workspaceFolders: () => readonly string[]) {}

  sessionFor(file: string): ProjectLintSession | undefined {
    const resolved = path.resolve(file);
    let key = this.owners.get(resolved);
    if (key === undefined) {
      key = this.findOwner(resolved);
      this.owners.set(resolved, key);
    }
    return key === null ? undefined : this.sessions.get(key);
  }

  /** Every session opened so far. */
  all(): ProjectLintSession[] {
    return [...this.sessions.values()];
  }

  /** A config file appeared, changed or went away: find projects again. */
  configChanged(): void {
    this.sessions.clear();
    this.owners.clear();
  }

  /** A .sql file changed on disk: the session holding it reads its set again. */
  fileChangedOnDisk(file: string): ProjectLintSession | undefined {
    const session = this.all().find((s) => s.holds(file));
    session?.filesChanged();
    return session;
  }

  private findOwner(file: string): string | null {
    const configFile = findConfigFile(path.dirname(file));
    let project: LoadedConfig | undefined;
    if (configFile) {
      project = this.sessions.get(configFile)?.project ?? tryLoad(() => loadConfigFile(configFile));
    } else {
      const folder = this.workspaceFolders().find((f) => path.dirname(file) === path.resolve(f, DEFAULT_CONFIG.migrationsDir)
        || file === path.resolve(f, DEFAULT_CONFIG.architectureSpec));
      project = folder === undefined ? undefined : tryLoad(() => loadProject(folder));
    }
    if (!project) return null;
    const key = project.configFile ?? path.join(project.projectDir, CONFIG_FILE_NAME);
    const session = this.sessions.get(key) ?? new ProjectLintSession(project);
    if (!session.holds(file) && !session.isSpec(file)) return null;
    this.sessions.set(key, session);
    return key;
  }
}

/** A broken config is reported by the config file's own JSON validation, not by every SQL file. */
function tryLoad(load: () => LoadedConfig): LoadedConfig | undefined {
  try {
    return load();
  } catch {
    return undefined;
  }
}
