// The projects of this window (one per workspace folder holding pgvector-migrator.json), the
// connection they use, and one event that every view listens to. No VS Code objects are built here.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/config/config';
import { formatUserError } from '../core/errors';
import { ProjectSession } from '../core/runner/project-session';
import { Connections } from './connections';
import { DatabasePool, OpenContext } from './database-pool';
import { embeddedWaitMs } from '../core/db/embedded-lock';
import { Log } from './log';

export interface Project {
  folder: vscode.WorkspaceFolder;
  session: ProjectSession;
  /** Why the history could not be read (connection refused, lock held...), until the next try. */
  statusError?: string;
  /** The AbortController of the run in progress, if any. */
  running?: AbortController;
}

export class MigratorWorkspace implements vscode.Disposable {
  private list: Project[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired after anything a view shows may have changed: files, history, connection, trust. */
  readonly onDidChange = this.changed.event;
  readonly pool: DatabasePool;
  private statusReads = new Map<Project, Promise<void>>();
  private readonly subscription: vscode.Disposable;

  constructor(readonly connections: Connections, readonly log: Log) {
    this.pool = new DatabasePool(connections, log);
    // Another connection chosen, or the chosen one edited in the settings: start from scratch.
    this.subscription = connections.onDidChange(() => void this.connectionChanged());
    this.rescan();
  }

  get projects(): readonly Project[] {
    return this.list;
  }

  /** Finds the folders holding a config again, keeping what is known about the ones that stay. */
  rescan(): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => fs.existsSync(path.join(f.uri.fsPath, CONFIG_FILE_NAME)));
    this.list = folders.map((folder) => {
      const known = this.list.find((p) => p.folder.uri.toString() === folder.uri.toString());
      if (known) {
        known.folder = folder;
        known.session.reloadFiles();
        return known;
      }
      return { folder, session: new ProjectSession(folder.uri.fsPath) };
    });
    this.fire();
  }

  /** The project a path belongs to: its folder, its config or one of its migration files. */
  projectOf(fsPath: string): Project | undefined {
    const resolved = path.resolve(fsPath);
    return this.list.find((p) => {
      const dirs = [p.session.dir, p.session.project?.migrationsDir].filter((d): d is string => !!d);
      return dirs.some((d) => resolved === d || resolved.startsWith(d + path.sep));
    });
  }

  /** The projects whose migrations directory is `fsPath` or lies inside it (a folder deleted or moved). */
  projectsWithin(fsPath: string): Project[] {
    const resolved = path.resolve(fsPath);
    return this.list.filter((p) => {
      const dir = p.session.project?.migrationsDir;
      return !!dir && (dir === resolved || dir.startsWith(resolved + path.sep));
    });
  }

  /** After a file change: read that project's files again (no database involved). */
  reloadFiles(project: Project): void {
    project.session.reloadFiles();
    this.fire();
  }

  /** Reads the history once, when a view first needs states; database actions need trust. */
  ensureStatus(project: Project): Promise<void> {
    if (!vscode.workspace.isTrusted || project.session.view().historyKnown || project.statusError) return Promise.resolve();
    return this.readStatus(project);
  }

  /** Reads the history again (Refresh, or after an action that did not run migrations). */
  readStatus(project: Project): Promise<void> {
    const inFlight = this.statusReads.get(project);
    if (inFlight) return inFlight;
    const read = (async () => {
      project.statusError = undefined;
      project.session.reloadFiles();
      if (!project.session.project) return;
      try {
        await this.pool.use(project.session.dir, (db) => project.session.readHistory(db), this.openContext(project));
      } catch (err) {
        project.statusError = formatUserError(err, project.session.dir).replace(/^error: /, '');
        this.log.error(`Could not read the migration history of ${project.folder.name}: ${project.statusError}`);
      }
    })().finally(() => {
      this.statusReads.delete(project);
      this.fire();
    });
    this.statusReads.set(project, read);
    return read;
  }

  /** How an action on this project waits when another process holds the embedded database. */
  openContext(project: Project, extra: Omit<OpenContext, 'waitMs'> = {}): OpenContext {
    const timeout = project.session.project?.config.advisoryLockTimeout ?? '60s';
    return { waitMs: embeddedWaitMs(timeout), ...extra };
  }

  /** A new connection: what was read from the old one no longer applies. */
  async connectionChanged(): Promise<void> {
    await this.pool.releaseAll();
    for (const p of this.list) {
      p.session.forgetHistory();
      p.statusError = undefined;
    }
    this.fire();
  }

  fire(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.pool.dispose();
    this.changed.dispose();
  }
}
