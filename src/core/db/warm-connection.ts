// One database connection in a long-lived process (the editor): opened on first use, shared by one
// action at a time, closed after a quiet period. A server connection stays warm for a while; the
// embedded PGlite admits one process at a time, so the editor passes a quiet period of 0 and lets
// go of it as soon as the queued actions are done (a warm reopen costs about a third of a second).
import type { Db } from './types';

export interface IdleTimer {
  cancel(): void;
}

/** How the idle close is scheduled; tests and hosts may pass their own. */
export type ScheduleIdle = (ms: number, fire: () => void) => IdleTimer;

const realTimer: ScheduleIdle = (ms, fire) => {
  const handle = setTimeout(fire, ms);
  // An idle timer must never keep a process alive on its own.
  handle.unref?.();
  return { cancel: () => clearTimeout(handle) };
};

export interface WarmConnectionOptions<C = unknown> {
  /** Opens the connection; `context` is what the action that needed it passed to `use`. */
  open: (context?: C) => Promise<Db>;
  idleMs: number;
  schedule?: ScheduleIdle;
  /** Told when the connection opens or closes (for a status line or a log). */
  onChange?: (open: boolean) => void;
}

export class WarmConnection<C = unknown> {
  private db: Promise<Db> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private timer: IdleTimer | undefined;
  private readonly schedule: ScheduleIdle;

  constructor(private readonly options: WarmConnectionOptions<C>) {
    this.schedule = options.schedule ?? realTimer;
  }

  get isOpen(): boolean {
    return this.db !== undefined;
  }

  /**
   * Runs `work` with the connection once every earlier piece of work has finished: a migration
   * run holds a transaction on the one connection, so nothing may interleave with it. `context`
   * goes to `open` when this action is the one that opens the connection (how to wait, a signal).
   */
  use<T>(work: (db: Db) => Promise<T>, context?: C): Promise<T> {
    this.busy++;
    this.timer?.cancel();
    this.timer = undefined;
    const run = this.queue.then(async () => {
      try {
        return await work(await this.connection(context));
      } finally {
        this.busy--;
        // With no quiet period the action ends only once the connection is closed: whoever waits
        // for the action (and anything queued after it) finds the database free.
        if (this.busy === 0 && this.options.idleMs <= 0) await this.closeNow();
        else if (this.busy === 0) this.armIdleTimer();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the connection after the work queued so far; the next `use` opens it again. */
  release(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    return this.enqueueClose();
  }

  /** Closing waits its turn like work does, so a close and a reopen never overlap. */
  private enqueueClose(): Promise<void> {
    const closing = this.queue.then(() => this.closeNow());
    this.queue = closing;
    return closing;
  }

  private connection(context?: C): Promise<Db> {
    if (!this.db) {
      const opening = this.options.open(context);
      this.db = opening;
      opening.then(() => this.options.onChange?.(true), () => {
        // A failed open is forgotten, so the next action tries again (e.g. after a fix).
        if (this.db === opening) this.db = undefined;
      });
    }
    return this.db;
  }

  private armIdleTimer(): void {
    if (!this.db) return;
    this.timer = this.schedule(this.options.idleMs, () => {
      this.timer = undefined;
      if (this.busy === 0) void this.enqueueClose();
    });
  }

  private async closeNow(): Promise<void> {
    const opening = this.db;
    if (!opening) return;
    this.db = undefined;
    const db = await opening.catch(() => undefined);
    if (!db) return;
    await db.close().catch(() => undefined);
    this.options.onChange?.(false);
  }
}
