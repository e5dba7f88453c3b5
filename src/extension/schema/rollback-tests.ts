// Verify Rollbacks as tests: a TestController "pgvector Migrator: rollbacks" whose Run profile
// does, per project, what `pgvector-migrator verify` does (every migration in order on the warm
// scratch database: UP, DOWN, compare, UP again) and reports each requested migration as passed,
// failed (the differences as the message, at the finding) or skipped (with why, in the output).
// The whole set always runs, since each migration starts from what the ones before it built; only
// the requested items are reported. Cancel (the Test Explorer's or the command's) stops between
// statements. Runs the project's SQL, so it needs a trusted workspace.
import * as path from 'path';
import * as vscode from 'vscode';
import { formatUserError } from '../../core/errors';
import type { MigrationVerifyResult } from '../../core/schema';
import type { MigratorWorkspace, Project } from '../migrator-workspace';
import { refuseUntrusted } from '../commands/run-action';
import { uriOf } from '../uris';
import { findingRange, SchemaDiagnostics } from './diagnostics';
import { isCancellation, loadSchemaCore } from './load';
import { RollbackItems } from './rollback-items';
import type { WarmScratch } from './scratch';

export const ROLLBACKS_CONTROLLER_ID = 'pgvectorMigrator.rollbacks';

/** What a migration's test reported, kept for the test API (Test Explorer's state is not readable). */
export interface VerifiedItem {
  /** The migration's (UP) file. */
  file: string;
  label: string;
  status: 'passed' | 'failed' | 'skipped' | 'errored';
  /** The failure message, the reason it was skipped, or the error. */
  message?: string;
  differences: string[];
  /** Where the failure message points. */
  location?: { file: string; line: number };
}

export interface VerifySummary {
  status: 'done' | 'cancelled' | 'failed' | 'refused';
  message: string;
  results: VerifiedItem[];
}

const LABEL: Record<MigrationVerifyResult['status'], string> = { passed: 'ok', failed: 'FAILED', skipped: 'skipped' };

export class RollbackTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController(ROLLBACKS_CONTROLLER_ID, 'pgvector Migrator: rollbacks');
  readonly items: RollbackItems;
  readonly profile: vscode.TestRunProfile;
  private readonly last = new Map<string, VerifiedItem[]>();

  constructor(private readonly ws: MigratorWorkspace, private readonly scratch: WarmScratch, private readonly diagnostics: SchemaDiagnostics) {
    this.items = new RollbackItems(this.controller, ws, (id) => diagnostics.dropVerify(id));
    this.profile = this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token).then(() => undefined), true);
    this.controller.refreshHandler = () => {
      ws.rescan();
      this.items.sync();
    };
    this.items.sync();
  }

  lastResults(projectDir: string): VerifiedItem[] | undefined {
    return this.last.get(projectDir);
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<VerifySummary> {
    // The files as they are now (the file watcher may not have caught up with a save yet).
    for (const p of this.ws.projects) p.session.reloadFiles();
    this.items.sync();
    const groups = this.requested(request);
    const run = this.controller.createTestRun(request, 'Verify Rollbacks');
    const abort = new AbortController();
    const subscriptions = [token.onCancellationRequested(() => abort.abort()), run.token.onCancellationRequested(() => abort.abort())];
    const results: VerifiedItem[] = [];
    let status: VerifySummary['status'] = 'done';
    try {
      const untrusted = refuseUntrusted(this.ws, 'Verify Rollbacks');
      if (untrusted) {
        for (const item of [...groups.values()].flat()) run.errored(item, new vscode.TestMessage(untrusted.message));
        return { status: 'refused', message: untrusted.message, results };
      }
      for (const [project, items] of groups) {
        if (abort.signal.aborted) break;
        const outcome = await this.runProject(project, items, run, abort.signal, progress);
        results.push(...outcome.results);
        if (outcome.status !== 'done' && status !== 'cancelled') status = outcome.status;
      }
      if (abort.signal.aborted) status = 'cancelled';
      return { status, message: summary(status, results), results };
    } finally {
      subscriptions.forEach((s) => s.dispose());
      run.end();
    }
  }

  dispose(): void {
    this.controller.dispose();
  }

  /** The requested migration items by project: a project item stands for all its migrations. */
  private requested(request: vscode.TestRunRequest): Map<Project, vscode.TestItem[]> {
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.controller.items.forEach((i) => { roots.push(i); });
    const excluded = new Set(request.exclude ?? []);
    const groups = new Map<Project, vscode.TestItem[]>();
    for (const root of roots) {
      if (excluded.has(root)) continue;
      const where = this.items.locate(root);
      if (!where) continue;
      const leaves: vscode.TestItem[] = [];
      if (root.parent) leaves.push(root);
      else root.children.forEach((c) => { if (!excluded.has(c)) leaves.push(c); });
      const list = groups.get(where.project) ?? [];
      for (const leaf of leaves) if (!list.includes(leaf)) list.push(leaf);
      groups.set(where.project, list);
    }
    return groups;
  }

  private async runProject(project: Project, items: vscode.TestItem[], run: vscode.TestRun, signal: AbortSignal, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<{ status: VerifySummary['status']; results: VerifiedItem[] }> {
    const wanted = new Map(items.map((i) => [i.id, i]));
    const finished = new Set<string>();
    const results: VerifiedItem[] = [];
    items.forEach((i) => run.enqueued(i));
    const loaded = project.session.project;
    const set = project.session.set;
    const report = (r: MigrationVerifyResult) => {
      const item = wanted.get(r.migration.up.file);
      if (!item) return;
      finished.add(item.id);
      results.push(this.report(run, item, r));
      this.items.verified(r.migration);
      this.diagnostics.showVerify(item.id, r.findings);
    };
    try {
      if (!loaded || !set) throw new Error(project.session.view().configError ?? `the config of ${project.folder.name} could not be read`);
      this.ws.log.info(`Verify Rollbacks in ${project.folder.name}: ${set.migrations.length} migration(s), UP, DOWN, compare, UP again, in a scratch database`);
      const core = await loadSchemaCore();
      let percent = 0;
      await this.scratch.use((pool) => core.verifyRollbacks(set, loaded.config, {
        pool,
        signal,
        onProgress: ({ migration, index, total, step }) => {
          const item = wanted.get(migration.up.file);
          if (item && step === 'up') run.started(item);
          const now = ((index + 1) / total) * 100;
          progress?.report({ message: `${path.basename(migration.up.file)}: ${step}`, increment: now - percent });
          percent = now;
        },
        onMigrationResult: report,
      }));
      this.last.set(project.session.dir, results);
      return { status: 'done', results };
    } catch (err) {
      const cancelled = isCancellation(err, signal);
      const text = cancelled ? 'cancelled before this migration was verified' : formatUserError(err, project.session.dir).replace(/^error: /, '');
      if (!cancelled) this.ws.log.error(`Verify Rollbacks could not run in ${project.folder.name}: ${text}`);
      for (const item of items) {
        if (finished.has(item.id)) continue;
        if (cancelled) run.skipped(item);
        else run.errored(item, new vscode.TestMessage(`Verify Rollbacks could not run: ${text}`));
        results.push({ file: item.id, label: item.label, status: cancelled ? 'skipped' : 'errored', message: text, differences: [] });
      }
      this.last.set(project.session.dir, results);
      return { status: cancelled ? 'cancelled' : 'failed', results };
    }
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, r: MigrationVerifyResult): VerifiedItem {
    const name = path.basename(r.migration.up.file);
    const lines = r.differences.length > 0 ? r.differences : r.reason ? [r.reason] : [];
    run.appendOutput(`${LABEL[r.status].padEnd(9)}${name}${lines.length ? `: ${lines.join('\r\n         ')}` : ''}\r\n`, undefined, item);
    this.ws.log[r.status === 'failed' ? 'warn' : 'info'](`  ${LABEL[r.status]} ${name}${lines.length ? `: ${lines.join('; ')}` : ''}`);
    const base = { file: item.id, label: item.label, differences: r.differences };
    if (r.status === 'passed') {
      run.passed(item, r.durationMs);
      return { ...base, status: 'passed' };
    }
    if (r.status === 'skipped') {
      run.skipped(item);
      return { ...base, status: 'skipped', message: r.reason };
    }
    const message = new vscode.TestMessage(lines.join('\n') || 'the round trip failed');
    const f = r.finding;
    message.location = f ? new vscode.Location(uriOf(f.file), findingRange(f)) : new vscode.Location(item.uri!, item.range ?? new vscode.Range(0, 0, 0, 0));
    run.failed(item, message, r.durationMs);
    return { ...base, status: 'failed', message: message.message as string, location: { file: f?.file ?? item.id, line: message.location.range.start.line + 1 } };
  }
}

/** "Verify Rollbacks: 1 failed, 3 passed". */
function summary(status: VerifySummary['status'], results: VerifiedItem[]): string {
  const count = (s: VerifiedItem['status']) => results.filter((r) => r.status === s).length;
  const parts = (['failed', 'errored', 'passed', 'skipped'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s === 'errored' ? 'could not run' : s}`);
  if (status === 'cancelled') return `Verify Rollbacks was cancelled${parts.length ? `; so far ${parts.join(', ')}` : ''}.`;
  if (results.length === 0) return 'Verify Rollbacks: no migrations to verify.';
  return `Verify Rollbacks: ${parts.join(', ')}.`;
}
