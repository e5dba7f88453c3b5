// The Markdown of each shown plan, as read-only documents of their own scheme, which the built-in
// Markdown preview renders. Showing a plan again updates its document (and the open preview).
import * as vscode from 'vscode';
import type { Project } from '../migrator-workspace';

export const PLAN_SCHEME = 'pgvector-migrator-plan';

export class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(project: Project, version: string | undefined, markdown: string): vscode.Uri {
    const name = version ? `plan up to ${version}.md` : 'plan of pending migrations.md';
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${project.folder.name}/${name}` });
    this.texts.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# Plan\n\nThis plan is gone: run Show Plan again.';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
