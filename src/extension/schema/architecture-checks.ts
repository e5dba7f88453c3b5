// Check Against Architecture in the editor: on demand (the command: a notification with Cancel)
// and when a migration, the spec or the config is saved (quietly, a spinner in the status bar).
// Per project there is never more than one check: a newer request cancels the running one and
// starts once it has stopped, and saves in a burst make one check. Findings replace the project's
// previous ones in the schema diagnostics. It runs the project's SQL (in a scratch database, never
// the project's), so like every database action it needs a trusted workspace.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { formatUserError } from '../../core/errors';
import type { SchemaFinding } from '../../core/schema/rules';
import type { MigratorWorkspace, Project } from '../migrator-workspace';
import { CommandArg, projectFor } from '../commands/arguments';
import { refuseUntrusted } from '../commands/run-action';
import type { SchemaDiagnostics } from './diagnostics';
import { isCancellation, loadSchemaCore } from './load';
import { isCheckedFile, specFile, unsavedTexts } from './project-files';
import type { WarmScratch } from './scratch';

/** Saves closer together than this make one check. */
const SAVE_DEBOUNCE_MS = 400;
const TITLE = 'Check Against Architecture';

/** What a check did, returned to the command's caller (tests call the command and read this). */
export interface CheckOutcome {
  /** skipped: an on-save check of a project without a spec; superseded: a newer request replaced it. */
  status: 'done' | 'failed' | 'cancelled' | 'superseded' | 'refused' | 'skipped';
  message: string;
  findings?: SchemaFinding[];
}

type Trigger = 'command' | 'save';

interface Running {
  abort: AbortController;
  /** Set when a newer request aborted this one (as opposed to the user's Cancel). */
  superseded: boolean;
  done: Promise<CheckOutcome>;
}

export class ArchitectureChecks implements vscode.Disposable {
  private readonly timers = new Map<Project, NodeJS.Timeout>();
  private readonly running = new Map<Project, Running>();
  private readonly last = new Map<string, CheckOutcome>();
  private idleWaiters: (() => void)[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ws: MigratorWorkspace, private readonly scratch: WarmScratch, private readonly diagnostics: SchemaDiagnostics) {
    this.subscription = vscode.workspace.onDidSaveTextDocument((d) => this.saved(d));
  }

  /** The command: the chosen project now, with a Cancel button. */
  async command(arg?: CommandArg): Promise<CheckOutcome> {
    const untrusted = refuseUntrusted(this.ws, TITLE);
    if (untrusted) return { status: 'refused', message: untrusted.message };
    const project = await projectFor(this.ws, arg);
    if (!project) return { status: 'refused', message: 'No project: no workspace folder holds a pgvector-migrator.json.' };
    clearTimeout(this.timers.get(project));
    this.timers.delete(project);
    return this.start(project, 'command');
  }

  lastOutcome(projectDir: string): CheckOutcome | undefined {
    return this.last.get(projectDir);
  }

  /** Resolves when no check is running or waiting for its debounce. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.subscription.dispose();
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    this.running.forEach((r) => r.abort.abort());
  }

  private saved(document: vscode.TextDocument): void {
    const enabled = vscode.workspace.getConfiguration('pgvectorMigrator', document.uri).get<boolean>('schemaChecks.onSave', true);
    // In the background a refusal would be noise: Restricted Mode simply means no on-save checks.
    if (!enabled || !vscode.workspace.isTrusted) return;
    const project = this.ws.projectOf(document.uri.fsPath);
    const loaded = project?.session.project;
    if (!project || !loaded || !isCheckedFile(loaded, document.uri.fsPath)) return;
    // What is running checks text that is no longer the latest.
    this.supersede(project);
    clearTimeout(this.timers.get(project));
    this.timers.set(project, setTimeout(() => {
      this.timers.delete(project);
      void this.start(project, 'save');
    }, SAVE_DEBOUNCE_MS));
  }

  private supersede(project: Project): void {
    const current = this.running.get(project);
    if (!current) return;
    current.superseded = true;
    current.abort.abort();
  }

  private start(project: Project, trigger: Trigger): Promise<CheckOutcome> {
    const previous = this.running.get(project);
    this.supersede(project);
    const entry: Running = { abort: new AbortController(), superseded: false, done: Promise.resolve({ status: 'skipped', message: '' }) };
    entry.done = (async (): Promise<CheckOutcome> => {
      // One check per project at a time: the cancelled one stops between statements.
      await previous?.done.catch(() => undefined);
      if (entry.abort.signal.aborted) return superseded(project);
      return this.check(project, trigger, entry);
    })().finally(() => {
      if (this.running.get(project) === entry) this.running.delete(project);
      this.settle();
    });
    this.running.set(project, entry);
    return entry.done;
  }

  private async check(project: Project, trigger: Trigger, entry: Running): Promise<CheckOutcome> {
    const signal = entry.abort.signal;
    const progressOptions: vscode.ProgressOptions = trigger === 'command'
      ? { location: vscode.ProgressLocation.Notification, title: `Checking ${project.folder.name} against its architecture spec`, cancellable: true }
      : { location: vscode.ProgressLocation.Window, title: 'pgvector Migrator: checking against the architecture spec' };
    let outcome: CheckOutcome;
    try {
      const findings = await vscode.window.withProgress(progressOptions, (progress, token) => {
        token.onCancellationRequested(() => entry.abort.abort());
        return this.findings(project, trigger, signal, progress);
      });
      outcome = findings ? this.show(project, trigger, findings) : { status: 'skipped', message: `${project.folder.name} has no architecture spec: nothing to check on save.` };
    } catch (err) {
      outcome = entry.superseded ? superseded(project)
        : isCancellation(err, signal) ? this.cancelled(trigger)
        : this.failed(project, trigger, err);
    }
    if (outcome.status !== 'superseded') this.last.set(project.session.dir, outcome);
    return outcome;
  }

  /** The findings, or undefined for an on-save check of a project that has no spec file. */
  private async findings(project: Project, trigger: Trigger, signal: AbortSignal, progress: vscode.Progress<{ message?: string }>): Promise<SchemaFinding[] | undefined> {
    project.session.reloadFiles();
    const loaded = project.session.project;
    if (!loaded) throw new Error(project.session.view().configError ?? `the config of ${project.folder.name} could not be read`);
    const overrides = unsavedTexts(loaded);
    const spec = specFile(loaded);
    if (trigger === 'save' && !overrides.has(spec) && !fs.existsSync(spec)) {
      // Without a spec the check says only "add one": worth hearing when asked, not on every save.
      this.diagnostics.showCheck(project.session.dir, []);
      return undefined;
    }
    progress.report({ message: `${project.session.set?.migrations.length ?? 0} migration(s) and ${loaded.config.architectureSpec}, in a scratch database` });
    const core = await loadSchemaCore();
    const set = project.session.set;
    return this.scratch.use((pool) => core.checkArchitecture(loaded, { pool, signal, overrides, ...(set ? { set } : {}) }));
  }

  private show(project: Project, trigger: Trigger, findings: SchemaFinding[]): CheckOutcome {
    this.diagnostics.showCheck(project.session.dir, findings);
    const spec = project.session.project?.config.architectureSpec ?? 'the architecture spec';
    const message = findings.length === 0
      ? `${TITLE}: the migrations of ${project.folder.name} build the schema ${spec} describes.`
      : `${TITLE}: ${tally(findings)} in ${project.folder.name} (Problems panel).`;
    this.ws.log.info(message);
    for (const f of findings) this.ws.log.info(`  ${path.relative(project.session.dir, f.file)}:${f.line}:${f.column}: ${f.severity}[${f.rule}]: ${f.message.split('\n')[0]}`);
    if (trigger === 'command') {
      const show = findings.some((f) => f.severity !== 'info') ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(message, ...(findings.length > 0 ? ['Show Problems'] : [])).then((pick) => {
        if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    }
    return { status: 'done', message, findings };
  }

  private cancelled(trigger: Trigger): CheckOutcome {
    const message = `${TITLE} was cancelled; the Problems panel keeps the findings of the last check that finished.`;
    this.ws.log.warn(message);
    if (trigger === 'command') void vscode.window.showWarningMessage(message);
    return { status: 'cancelled', message };
  }

  private failed(project: Project, trigger: Trigger, err: unknown): CheckOutcome {
    const text = formatUserError(err, project.session.dir).replace(/^error: /, '');
    const message = `${TITLE} could not run in ${project.folder.name}: ${text.split('\n')[0]}`;
    this.ws.log.error(`${message}${text.includes('\n') ? `\n${text}` : ''}`);
    if (err instanceof Error && err.stack) this.ws.log.trace(err.stack);
    // On save the log is enough: a popup on every save of a broken config would be a nuisance.
    if (trigger === 'command') {
      void vscode.window.showErrorMessage(message, 'Show Log').then((pick) => {
        if (pick) this.ws.log.show();
      });
    }
    return { status: 'failed', message };
  }

  /** True when no check is running or waiting for its debounce. */
  isIdle(): boolean {
    return this.timers.size === 0 && this.running.size === 0;
  }

  private settle(): void {
    if (!this.isIdle()) return;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}

function superseded(project: Project): CheckOutcome {
  return { status: 'superseded', message: `${TITLE} of ${project.folder.name} was replaced by a newer check.` };
}

/** "1 error, 2 warnings": the counts that are not zero. */
export function tally(findings: readonly SchemaFinding[]): string {
  const counts: [SchemaFinding['severity'], string, string][] = [['error', 'error', 'errors'], ['warning', 'warning', 'warnings'], ['info', 'note', 'notes']];
  return counts
    .map(([severity, one, many]) => [findings.filter((f) => f.severity === severity).length, one, many] as const)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}
