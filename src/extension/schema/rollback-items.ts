// The Test Explorer's tree of rollback tests: one item per project, one child per migration, each
// opening the migration's DOWN section (its marker line, or the start of the DOWN file). Rebuilt
// from the projects' migration sets whenever files change; an item whose files changed since it
// was verified has its result marked out of date.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Migration } from '../../core/migrations/types';
import type { MigratorWorkspace, Project } from '../migrator-workspace';
import { uriOf } from '../uris';

export class RollbackItems {
  /** The text of each verified migration's files when it was verified, by item id. */
  private readonly verifiedText = new Map<string, string>();

  constructor(private readonly controller: vscode.TestController, private readonly ws: MigratorWorkspace, private readonly onStale: (itemId: string) => void) {}

  sync(): void {
    const top = this.ws.projects.map((p) => this.projectItem(p));
    replaceIfChanged(this.controller.items, top);
  }

  projectItem(project: Project): vscode.TestItem {
    const id = project.session.dir;
    const item = this.controller.items.get(id) ?? this.controller.createTestItem(id, project.folder.name, project.folder.uri);
    const view = project.session.view();
    item.error = view.configError;
    const migrations = project.session.set?.migrations ?? [];
    replaceIfChanged(item.children, migrations.map((m, i) => this.migrationItem(item, m, i)));
    return item;
  }

  /** The project an item belongs to, and the migration when it is a migration's. */
  locate(item: vscode.TestItem): { project: Project; migration?: Migration } | undefined {
    const projectId = item.parent?.id ?? item.id;
    const project = this.ws.projects.find((p) => p.session.dir === projectId);
    if (!project) return undefined;
    if (!item.parent) return { project };
    const migration = project.session.set?.migrations.find((m) => m.up.file === item.id);
    return migration ? { project, migration } : undefined;
  }

  /** Remembers the text a result was computed for, to notice when it no longer holds. */
  verified(migration: Migration): void {
    this.verifiedText.set(migration.up.file, textOf(migration));
  }

  private migrationItem(parent: vscode.TestItem, m: Migration, index: number): vscode.TestItem {
    const id = m.up.file;
    const file = m.down?.file ?? m.up.file;
    const uri = uriOf(file);
    let item = parent.children.get(id);
    if (!item || item.uri?.toString() !== uri.toString()) item = this.controller.createTestItem(id, path.basename(m.up.file), uri);
    const line = m.down?.file === m.up.file && m.down.markerLine ? m.down.markerLine - 1 : 0;
    if (item.range?.start.line !== line) item.range = new vscode.Range(line, 0, line, 0);
    const description = m.down ? undefined : 'no DOWN section';
    if (item.description !== description) item.description = description;
    // Ordered as the migrations run, whatever the labels' alphabetical order.
    item.sortText = String(index).padStart(6, '0');
    const known = this.verifiedText.get(id);
    if (known !== undefined && known !== textOf(m)) {
      this.verifiedText.delete(id);
      this.controller.invalidateTestResults(item);
      this.onStale(id);
    }
    return item;
  }
}

function textOf(m: Migration): string {
  return m.down && m.down.file !== m.up.file ? `${m.up.fileText}\0${m.down.fileText}` : m.up.fileText;
}

/** Replaces a collection's items only when its ids changed, so an unchanged tree is left alone. */
function replaceIfChanged(collection: vscode.TestItemCollection, items: vscode.TestItem[]): void {
  const current: vscode.TestItem[] = [];
  collection.forEach((i) => { current.push(i); });
  const same = current.length === items.length && current.every((c, i) => c === items[i]);
  if (!same) collection.replace(items);
}
