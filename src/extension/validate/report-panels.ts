// The report of each project's last validation and the panel showing it: one panel per project,
// re-rendered and revealed by the next run, re-opened by "Show report" after the user closed it.
import * as vscode from 'vscode';
import type { ValidationReport } from '../../core/validate/types';
import type { Log } from '../log';
import type { Project } from '../migrator-workspace';
import { ReportPanel } from './report-panel';

export class ReportPanels implements vscode.Disposable {
  private readonly reports = new Map<string, ValidationReport>();
  private readonly panels = new Map<string, ReportPanel>();

  constructor(private readonly log: Log) {}

  show(project: Project, report: ValidationReport): void {
    const dir = project.session.dir;
    this.reports.set(dir, report);
    const open = this.panels.get(dir);
    if (open) {
      open.render(report);
      open.panel.reveal();
      return;
    }
    const created = ReportPanel.create(project.folder.name, dir, this.log, report);
    this.panels.set(dir, created);
    created.panel.onDidDispose(() => {
      if (this.panels.get(dir) === created) this.panels.delete(dir);
      created.dispose();
    });
  }

  /** "Show report": the last report again, in its panel or a new one. */
  reveal(project: Project): void {
    const report = this.reports.get(project.session.dir);
    if (report) this.show(project, report);
  }

  lastReport(projectDir: string): ValidationReport | undefined {
    return this.reports.get(projectDir);
  }

  panel(projectDir: string): ReportPanel | undefined {
    return this.panels.get(projectDir);
  }

  dispose(): void {
    [...this.panels.values()].forEach((p) => p.dispose());
    this.panels.clear();
  }
}
