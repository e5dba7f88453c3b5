// Lints the open SQL documents of the migrations directories as the user types: per project,
// debounced, with every open document's unsaved text passed to the engine, and the project's
// migration set kept warm between runs (re-read only when files change on disk).
import * as vscode from 'vscode';
import type { EditorFinding, LintSessions, ProjectLintSession } from '../../core/editor/lint-session';
import type { ProjectModel } from '../../core/language';
import { CONFIG_FILE_NAME } from '../../core/config/config';
import { LintCore, loadLintCore } from './core';
import { findingRange, isDiagnosticOf, toDiagnostic } from './diagnostics';
import type { RuleDocsLinks } from './docs-links';

export interface LintLog {
  error(message: string): void;
}

interface Linted {
  /** The document version the findings were computed for: fixes apply to that text only. */
  version: number;
  findings: EditorFinding[];
}

export class DocumentLinter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('pgvector-migrator-lint');
  private readonly linted = new Map<string, Linted>();
  private readonly timers = new Map<ProjectLintSession, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private sessions: LintSessions | undefined;
  private watching = false;

  constructor(private readonly links: RuleDocsLinks, private readonly log?: LintLog) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.consider(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.consider(e.document, debounceMs())),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('pgvectorMigrator.lint') && this.restart()),
    );
    for (const d of vscode.workspace.textDocuments) this.consider(d, 0);
  }

  /** The findings shown on `document` whose range holds `position`, if they are still current. */
  findingsAt(document: vscode.TextDocument, position: vscode.Position): EditorFinding[] {
    return this.current(document).filter((f) => findingRange(f).contains(position));
  }

  /** The finding a diagnostic of ours was built from, if the document has not changed since. */
  findingOf(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): EditorFinding | undefined {
    return this.current(document).find((f) => isDiagnosticOf(diagnostic, f));
  }

  /**
   * The schema model of the project owning `document`, with every open migration's unsaved text:
   * the parse lint makes for the same text (one per edit, whichever asks first).
   */
  async modelFor(document: vscode.TextDocument): Promise<ProjectModel | undefined> {
    const sql = isCandidate(document);
    if (!sql && !isMarkdownFile(document)) return undefined;
    const core = await loadLintCore();
    const session = this.openSessions(core).sessionFor(document.uri.fsPath);
    // Of the Markdown files, only the project's architecture spec has blocks the model answers in.
    if (!session || (!sql && !session.isSpec(document.uri.fsPath))) return undefined;
    await core.ensureParser();
    return session.model(this.overridesFor(session), this.specText(session));
  }

  /** The models of every project a migration was opened in so far. */
  async allModels(): Promise<ProjectModel[]> {
    const core = await loadLintCore();
    await core.ensureParser();
    return this.openSessions(core).all().map((s) => s.model(this.overridesFor(s), this.specText(s)));
  }

  /** Which model claims the vector column defined at `position` (the project's last lint). */
  embeddingAt(document: vscode.TextDocument, position: vscode.Position): { text: string; range: vscode.Range } | undefined {
    // Offsets are those of the text last linted: answer only while the document is unchanged since.
    if (this.linted.get(document.uri.toString())?.version !== document.version) return undefined;
    const found = this.sessions?.sessionFor(document.uri.fsPath)?.embeddingAt(document.uri.fsPath, document.offsetAt(position));
    return found && { text: found.text, range: new vscode.Range(document.positionAt(found.start), document.positionAt(found.end)) };
  }

  dispose(): void {
    this.timers.forEach(clearTimeout);
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }

  private current(document: vscode.TextDocument): EditorFinding[] {
    const linted = this.linted.get(document.uri.toString());
    return linted && linted.version === document.version ? linted.findings : [];
  }

  /** Schedules a lint of the project owning `document`; loads the parser on the first SQL file. */
  private async consider(document: vscode.TextDocument, delayMs: number): Promise<void> {
    if (!isCandidate(document) || !lintEnabled()) return;
    try {
      const core = await loadLintCore();
      const session = this.openSessions(core).sessionFor(document.uri.fsPath);
      if (!session) return;
      await core.ensureParser();
      this.schedule(session, delayMs);
    } catch (err) {
      this.log?.error(`Lint could not start: ${(err as Error).message}`);
    }
  }

  private openSessions(core: LintCore): LintSessions {
    if (this.sessions) return this.sessions;
    this.sessions = new core.LintSessions(() => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath));
    this.watchFiles();
    return this.sessions;
  }

  private schedule(session: ProjectLintSession, delayMs: number): void {
    clearTimeout(this.timers.get(session));
    this.timers.set(session, setTimeout(() => {
      this.timers.delete(session);
      this.lint(session);
    }, delayMs));
  }

  private openDocuments(session: ProjectLintSession): vscode.TextDocument[] {
    return vscode.workspace.textDocuments.filter((d) => isCandidate(d) && session.holds(d.uri.fsPath));
  }

  private overridesFor(session: ProjectLintSession): Map<string, string> {
    return new Map(this.openDocuments(session).map((d) => [d.uri.fsPath, d.getText()]));
  }

  /** The spec's unsaved text when it is open in an editor. */
  private specText(session: ProjectLintSession): string | undefined {
    return vscode.workspace.textDocuments.find((d) => isMarkdownFile(d) && session.isSpec(d.uri.fsPath))?.getText();
  }

  private lint(session: ProjectLintSession): void {
    const documents = this.openDocuments(session);
    if (documents.length === 0) return;
    try {
      const result = session.lint(this.overridesFor(session));
      for (const d of documents) {
        const findings = result.byFile.get(d.uri.fsPath) ?? [];
        this.linted.set(d.uri.toString(), { version: d.version, findings });
        this.collection.set(d.uri, findings.map((f) => toDiagnostic(f, this.links)));
      }
    } catch (err) {
      this.log?.error(`Lint failed in ${session.migrationsDir}: ${(err as Error).stack ?? err}`);
    }
  }

  private closed(document: vscode.TextDocument): void {
    if (!this.linted.delete(document.uri.toString())) return;
    this.collection.delete(document.uri);
    // Its unsaved text no longer applies: the other open files of the project see the disk again.
    const session = this.sessions?.sessionFor(document.uri.fsPath);
    if (session) this.schedule(session, debounceMs());
  }

  /** Setting changed: drop everything shown and start over with what is open. */
  private restart(): void {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    this.linted.clear();
    this.collection.clear();
    for (const d of vscode.workspace.textDocuments) this.consider(d, 0);
  }

  /** Files that change on disk (saved, generated, pulled) re-read the set; a new config re-finds projects. */
  private watchFiles(): void {
    if (this.watching) return;
    this.watching = true;
    const sql = vscode.workspace.createFileSystemWatcher('**/*.sql');
    const config = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const onSql = (uri: vscode.Uri) => {
      const session = this.sessions?.fileChangedOnDisk(uri.fsPath);
      if (session) this.schedule(session, debounceMs());
    };
    const onConfig = () => {
      this.sessions?.configChanged();
      this.restart();
    };
    this.subscriptions.push(
      sql, config,
      sql.onDidCreate(onSql), sql.onDidChange(onSql), sql.onDidDelete(onSql),
      config.onDidCreate(onConfig), config.onDidChange(onConfig), config.onDidDelete(onConfig),
    );
  }
}

/** A .sql file on disk (or in the remote workspace), not a diff view's or an untitled buffer. */
function isCandidate(document: vscode.TextDocument): boolean {
  if (!document.uri.fsPath.toLowerCase().endsWith('.sql')) return false;
  return document.uri.scheme === 'file' || vscode.workspace.getWorkspaceFolder(document.uri) !== undefined;
}

function isMarkdownFile(document: vscode.TextDocument): boolean {
  return document.uri.fsPath.toLowerCase().endsWith('.md') && (document.uri.scheme === 'file' || vscode.workspace.getWorkspaceFolder(document.uri) !== undefined);
}

function lintEnabled(): boolean {
  return vscode.workspace.getConfiguration('pgvectorMigrator').get<boolean>('lint.enable', true);
}

function debounceMs(): number {
  return Math.max(0, vscode.workspace.getConfiguration('pgvectorMigrator').get<number>('lint.debounceMs', 250));
}
