// Deployment plans of each project's pending migrations, computed on the project's connection and
// kept until anything the view shows changes (files, history, connection). The CodeLenses and
// Show Plan share them, so opening a migration file does not plan twice.
import * as vscode from 'vscode';
import type { DeploymentPlan } from '../../core/plan';
import type { MigratorWorkspace, Project } from '../migrator-workspace';
import { loadPlanCore } from './load';

export class Plans implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<DeploymentPlan>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ws: MigratorWorkspace) {
    this.subscription = ws.onDidChange(() => {
      if (this.cache.size === 0) return;
      this.cache.clear();
      this.changed.fire();
    });
  }

  /** The plan of every pending migration (`to`: up to that version), read-only on the project's connection. */
  plan(project: Project, to?: string): Promise<DeploymentPlan> {
    const key = `${project.session.dir}\u0000${to ?? ''}`;
    let plan = this.cache.get(key);
    if (!plan) {
      plan = this.compute(project, to);
      this.cache.set(key, plan);
      plan.catch(() => this.cache.delete(key));
    }
    return plan;
  }

  private async compute(project: Project, to?: string): Promise<DeploymentPlan> {
    const core = await loadPlanCore();
    project.session.reloadFiles();
    const loaded = project.session.project;
    const set = project.session.set;
    if (!loaded || !set) throw new Error(project.session.view().configError ?? `the config of ${project.folder.name} could not be read`);
    return this.ws.pool.use(project.session.dir, (db) => core.planDeployment(db, set, loaded.config, { to }));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
