// A CodeLens above each pending migration's UP marker, summarising its plan in one line
// (`ACCESS EXCLUSIVE on chunks · rewrite · ~40 s at 1.2M rows`); a click shows the whole plan.
// Lenses appear once the project's history has been read (the view reads it): opening a file
// never starts a database by itself.
import * as vscode from 'vscode';
import { LineIndex } from '../../core/sql/positions';
import type { MigratorWorkspace } from '../migrator-workspace';
import { loadPlanCore } from './load';
import type { Plans } from './plans';

export class PlanCodeLenses implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly ws: MigratorWorkspace, private readonly plans: Plans) {
    this.onDidChangeCodeLenses = plans.onDidChange;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted) return [];
    const project = this.ws.projectOf(document.uri.fsPath);
    if (!project) return [];
    const view = project.session.view();
    const entry = view.entries.find((e) => e.state === 'pending' && e.migration?.up.file === document.uri.fsPath);
    if (!view.historyKnown || !entry?.migration) return [];
    try {
      const [core, plan] = await Promise.all([loadPlanCore(), this.plans.plan(project)]);
      const planned = plan.migrations.find((m) => m.version === entry.version);
      if (!planned) return [];
      const up = entry.migration.up;
      const line = (up.markerLine ?? new LineIndex(up.fileText).positionAt(up.start).line) - 1;
      const range = new vscode.Range(line, 0, line, 0);
      return [new vscode.CodeLens(range, {
        title: core.migrationSummary(planned.statements),
        tooltip: 'Show the plan of this migration: locks, rewrites, index builds, estimates and the deployment procedure',
        command: 'pgvectorMigrator.showPlan',
        arguments: [{ project: project.session.dir, version: entry.version }],
      })];
    } catch (err) {
      this.ws.log.warn(`No plan for ${document.uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }
}
