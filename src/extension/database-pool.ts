// One connection per project and connection choice. A server connection is kept warm and closed
// after the idle period. The embedded database admits one process at a time, so this window holds
// it for one action only: it lets go as soon as the queued actions are done, and the CLI in the
// terminal or another window can use it at once (docs/embedded-database.md). When another process
// holds it, an action waits for it (saying for whom), cancellable, up to advisoryLockTimeout.
import * as path from 'path';
import * as vscode from 'vscode';
import { WarmConnection } from '../core/db/warm-connection';
import type { Db } from '../core/db/types';
import type { HeldBy } from '../core/db/embedded-lock';
import type { Connections } from './connections';
import type { Log } from './log';
import { loadOpenConnection } from './heavy-modules';

/** Shown to a CLI user who finds the embedded database busy (the lock file names it). */
export const LOCK_HOLDER = 'pgvector Migrator in VS Code';

/** What an action passes for the case that it opens the embedded database and finds it held. */
export interface OpenContext {
  /** How long to wait for another process (the project's advisoryLockTimeout). */
  waitMs?: number;
  /** The action's cancel. */
  signal?: AbortSignal;
  /** Told who the action waits for (a progress message, the log). */
  onWait?: (held: HeldBy) => void;
}

export class DatabasePool implements vscode.Disposable {
  private readonly warm = new Map<string, WarmConnection<OpenContext>>();
  /** Connections being closed: a new one waits for them, so one data directory never has two PGlites. */
  private releasing: Promise<unknown> = Promise.resolve();
  private embeddedStarts = 0;

  constructor(private readonly connections: Connections, private readonly log: Log) {}

  /** Runs `work` on the project's database, one action at a time per database. */
  use<T>(projectDir: string, work: (db: Db) => Promise<T>, context: OpenContext = {}): Promise<T> {
    const key = this.connections.key(projectDir);
    let conn = this.warm.get(key);
    if (!conn) {
      conn = this.connectionFor(projectDir);
      this.warm.set(key, conn);
    }
    return conn.use(work, context);
  }

  private connectionFor(projectDir: string): WarmConnection<OpenContext> {
    const choice = this.connections.current();
    const label = this.connections.label(choice);
    const embedded = choice.kind === 'embedded';
    const where = embedded ? path.basename(projectDir) : this.connections.describe(choice);
    return new WarmConnection<OpenContext>({
      idleMs: embedded ? 0 : idleSeconds() * 1000,
      open: async (context = {}) => {
        await this.releasing;
        if (!embedded) this.log.info(`Connecting to ${label} (${where})`);
        else if (this.embeddedStarts++ === 0) this.log.info(`Starting the embedded database (PGlite with pgvector) for ${where}; the first start takes a few seconds, later ones a fraction of a second`);
        const { openConnection } = await loadOpenConnection();
        return openConnection(await this.connections.spec(projectDir, choice), LOCK_HOLDER, {
          waitMs: context.waitMs,
          signal: context.signal,
          onWait: (held) => {
            this.log.info(`Waiting for the embedded database of ${where}: it is in use by ${held.description}`);
            context.onWait?.(held);
          },
          onTakeOver: (_holder, reason) => this.log.warn(`Took over the embedded database's lock file of ${where}: ${reason}`),
        });
      },
      onChange: (open) => {
        if (!open && !embedded) this.log.info(`Closed the connection to ${label} for ${where}`);
      },
    });
  }

  /** True while some database is open (the embedded one holds its lock file then). */
  get anyOpen(): boolean {
    return [...this.warm.values()].some((c) => c.isOpen);
  }

  /** Closes every connection after the work already queued on it. */
  async releaseAll(): Promise<void> {
    const all = [...this.warm.values()];
    this.warm.clear();
    const done = Promise.all(all.map((c) => c.release()));
    this.releasing = Promise.all([this.releasing, done]);
    await done;
  }

  dispose(): void {
    void this.releaseAll();
  }
}

function idleSeconds(): number {
  const value = vscode.workspace.getConfiguration('pgvectorMigrator').get<number>('closeIdleConnectionAfterSeconds', 60);
  return Math.max(5, Number.isFinite(value) ? value : 60);
}
