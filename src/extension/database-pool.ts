// One warm connection per project and connection choice. The embedded database is started on
// the first database action, kept warm, and closed after the idle period so that the CLI can use
// the same data directory (PGlite admits one process at a time).
import * as path from 'path';
import * as vscode from 'vscode';
import { WarmConnection } from '../core/db/warm-connection';
import type { Db } from '../core/db/types';
import type { Connections } from './connections';
import type { Log } from './log';
import { loadOpenConnection } from './heavy-modules';

/** Shown to a CLI user who finds the embedded database busy (the lock file names it). */
export const LOCK_HOLDER = 'pgvector Migrator in VS Code';

export class DatabasePool implements vscode.Disposable {
  private readonly warm = new Map<string, WarmConnection>();
  /** Connections being closed: a new one waits for them, so one data directory never has two PGlites. */
  private releasing: Promise<unknown> = Promise.resolve();

  constructor(private readonly connections: Connections, private readonly log: Log) {}

  /** Runs `work` on the project's database, one action at a time per database. */
  use<T>(projectDir: string, work: (db: Db) => Promise<T>): Promise<T> {
    const key = this.connections.key(projectDir);
    let conn = this.warm.get(key);
    if (!conn) {
      const choice = this.connections.current();
      const label = this.connections.label(choice);
      const where = choice.kind === 'embedded' ? path.basename(projectDir) : this.connections.describe(choice);
      conn = new WarmConnection({
        idleMs: idleSeconds() * 1000,
        open: async () => {
          await this.releasing;
          this.log.info(choice.kind === 'embedded'
            ? `Starting the embedded database (PGlite with pgvector) for ${where}; the first start takes a few seconds`
            : `Connecting to ${label} (${where})`);
          const { openConnection } = await loadOpenConnection();
          return openConnection(await this.connections.spec(projectDir, choice), LOCK_HOLDER);
        },
        onChange: (open) => {
          if (!open) this.log.info(`Closed the connection to ${label} for ${where}${choice.kind === 'embedded' ? ' (the CLI can use the embedded database now)' : ''}`);
        },
      });
      this.warm.set(key, conn);
    }
    return conn.use(work);
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
