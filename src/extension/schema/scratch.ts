// The window's one warm scratch database (PGlite in memory): created on the first check, reused by
// every check and rollback verification after it (a cold start takes seconds, a reset a fraction
// of one), and closed after some idle minutes and on deactivation to give its memory back. It is
// never the project's database, so it needs no lock and no connection settings.
import * as vscode from 'vscode';
import type { ScratchPool } from '../../core/schema';
import type { Log } from '../log';
import { loadSchemaCore } from './load';

/** Idle time after which the scratch database is closed; the next check starts a new one. */
const IDLE_MS = 5 * 60 * 1000;

export class WarmScratch implements vscode.Disposable {
  private pool: ScratchPool | undefined;
  private users = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly log: Log, private readonly idleMs = IDLE_MS) {}

  /** Runs `work` with the pool; concurrent callers share it and wait their turn for its database. */
  async use<T>(work: (pool: ScratchPool) => Promise<T>): Promise<T> {
    clearTimeout(this.idleTimer);
    this.users++;
    try {
      return await work(await this.open());
    } finally {
      if (--this.users === 0) {
        if (this.disposed) void this.close();
        else this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
      }
    }
  }

  get isOpen(): boolean {
    return this.pool !== undefined;
  }

  /** On deactivation: closes now, or as soon as the checks in flight (cancelled by now) let go. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    void this.close();
  }

  private async open(): Promise<ScratchPool> {
    if (this.pool) return this.pool;
    const core = await loadSchemaCore();
    if (!this.pool) {
      this.pool = new core.ScratchPool();
      this.log.info(`Schema checks run on ${this.pool.description}, kept warm between checks.`);
    }
    return this.pool;
  }

  private async close(): Promise<void> {
    const pool = this.pool;
    if (!pool || this.users > 0) return;
    this.pool = undefined;
    await pool.dispose().catch(() => undefined);
    this.log.trace('Closed the idle scratch database of the schema checks.');
  }
}
