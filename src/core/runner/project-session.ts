// One project as a long-lived caller (the editor) holds it between actions: its config and files,
// the last history read from its database, and the failures of recent runs. Files are re-read on
// every change without touching the database; the history only after a run or an explicit refresh.
import * as path from 'node:path';
import { CONFIG_FILE_NAME, loadConfigFile, LoadedConfig } from '../config/config';
import { formatUserError } from '../errors';
import type { Db } from '../db/types';
import { readHistory, HistoryRow } from '../db/history';
import { loadProjectMigrations } from '../migrations/discover';
import type { MigrationSet } from '../migrations/types';
import { computeStatus, countPending } from './status';
import { failuresAfterRun, overlayFailures, RememberedFailure, ShownEntry } from './last-failures';
import { entryActions, EntryActions } from './entry-actions';
import type { RunOptions, RunResult } from './run';
import { markWaiting, RequiresAnswer } from './requires';

export interface SessionView {
  /** The config could not be read: nothing else is known. */
  configError?: string;
  entries: ShownEntry[];
  /** Same order as entries. */
  actions: EntryActions[];
  /** False until the history was read from a database: states are then unknown. */
  historyKnown: boolean;
  /** Pending migrations; undefined while the history is unknown. */
  pending?: number;
  /** Files in the migrations directory that could not be placed, as one sentence each. */
  problems: { file: string; message: string }[];
}

export class ProjectSession {
  project?: LoadedConfig;
  set?: MigrationSet;
  private configError?: string;
  private history?: HistoryRow[];
  /** Pending migrations whose `-- Requires:` is false, by UP file, as of the last history read. */
  private waiting = new Map<string, RequiresAnswer>();
  private failures: RememberedFailure[] = [];

  constructor(readonly dir: string) {
    this.reloadFiles();
  }

  get configFile(): string {
    return path.join(this.dir, CONFIG_FILE_NAME);
  }

  /** Reads the config and the migration files again; cheap, and never touches the database. */
  reloadFiles(): void {
    try {
      this.project = loadConfigFile(this.configFile);
      this.set = loadProjectMigrations(this.project);
      this.configError = undefined;
    } catch (err) {
      this.project = undefined;
      this.set = undefined;
      this.configError = formatUserError(err, this.dir);
    }
  }

  /** Reads the history table (creating nothing). */
  async readHistory(db: Db): Promise<void> {
    if (!this.project) return;
    this.history = await readHistory(db, this.project.config.historyTable);
    const entries = this.set ? computeStatus(this.set, this.history) : [];
    await markWaiting(db, entries);
    this.waiting = new Map(entries.filter((e) => e.waiting && e.file).map((e) => [e.file!, e.waiting!]));
  }

  /** Forgets what was read from the database, e.g. when the connection changes. */
  forgetHistory(): void {
    this.history = undefined;
    this.waiting.clear();
    this.failures = [];
  }

  /** Forgets the failures of recent runs (an explicit refresh: the history is the truth again). */
  forgetFailures(): void {
    this.failures = [];
  }

  /** Runs migrations on `db` with the files as they are now, then reads the history again. */
  async run(db: Db, options: RunOptions): Promise<RunResult> {
    this.reloadFiles();
    if (!this.project || !this.set) throw new Error(this.configError ?? 'the project could not be read');
    // Loaded on demand: the runner pulls in the SQL parser (WebAssembly).
    const { runMigrations } = await import('./run');
    try {
      const result = await runMigrations(db, this.set, this.project.config, options);
      this.failures = failuresAfterRun(this.failures, result);
      return result;
    } finally {
      await this.readHistory(db).catch(() => undefined);
    }
  }

  view(): SessionView {
    if (!this.set || !this.project) {
      return { configError: this.configError, entries: [], actions: [], historyKnown: false, problems: [] };
    }
    const status = computeStatus(this.set, this.history ?? []);
    for (const e of status) if (e.state === 'pending' && e.file && this.waiting.has(e.file)) e.waiting = this.waiting.get(e.file);
    const { entries, holding } = overlayFailures(status, this.failures);
    // A failure that no longer holds (fixed file, applied by the CLI) is forgotten for good.
    this.failures = holding;
    return {
      entries,
      actions: entryActions(entries),
      historyKnown: this.history !== undefined,
      pending: this.history ? countPending(entries) : undefined,
      problems: this.set.problems.map((p) => ({ file: p.file, message: p.message })),
    };
  }

  /** The failures of recent runs that still hold, for diagnostics in their files. */
  lastFailures(): RememberedFailure[] {
    return this.view().entries.flatMap((e) => (e.lastFailure ? [e.lastFailure] : []));
  }
}
