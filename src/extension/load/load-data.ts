// "Load Data into Table…": pick a file (and a table, unless the migration clicked creates one),
// see how its columns map onto the table and its first bad rows before anything is written, then
// load it under a progress notification whose Cancel stops after the open batch is rolled back.
// Bad rows go to the rejects file, which opens at the first one. The core does the work (core/load).
import * as path from 'path';
import * as vscode from 'vscode';
import type { LoadPreview, LoadProgress, LoadResult, LoadSummary } from '../../core/load';
import { sectionText } from '../../core/migrations/types';
import { tablesCreatedBy } from '../../core/load/created-tables';
import { formatUserError, MigratorError } from '../../core/errors';
import { redactSecrets } from '../../core/db/redact';
import type { MigratorWorkspace, Project } from '../migrator-workspace';
import type { MigrationsNode } from '../migrations-tree';
import { CommandArg, CommandOptions, projectFor } from '../commands/arguments';
import { refuseUntrusted } from '../commands/run-action';
import { loadHeavy } from '../heavy-modules';

export type PreviewAnswer = 'Load' | 'Load Valid Rows' | 'Resume' | 'Start Over' | 'Cancel';

export interface LoadDataOptions extends CommandOptions {
  /** The input file, absolute or relative to the project folder. */
  file?: string;
  table?: string;
  /** Answers the preview without showing it (tests, other extensions). */
  answer?: PreviewAnswer;
  batchRows?: number;
}

export interface LoadDataOutcome {
  status: 'done' | 'rejected' | 'stopped' | 'cancelled' | 'refused' | 'failed';
  /** The sentence the user was shown. */
  message: string;
  preview?: LoadPreview;
  summary?: LoadSummary;
}

/** What the test API reads while a load runs. */
export interface LoadState {
  last?: LoadProgress;
}

type Core = typeof import('../../core/load');
let core: Promise<Core> | undefined;
const loadCore = () => (core ??= loadHeavy('bulk loading', () => import('../../core/load')));

export async function loadDataCommand(ws: MigratorWorkspace, state: LoadState, arg?: CommandArg | LoadDataOptions): Promise<LoadDataOutcome> {
  const untrusted = refuseUntrusted(ws, 'Load Data into Table');
  if (untrusted) return { status: 'refused', message: untrusted.message };
  const options: LoadDataOptions = arg && !isNode(arg) ? (arg as LoadDataOptions) : {};
  const project = await projectFor(ws, arg as CommandArg);
  if (!project) return { status: 'refused', message: 'No project: no workspace folder holds a pgvector-migrator.json.' };
  if (project.running) return refused(`Load Data was not started: another action is running on ${project.folder.name}.`);
  try {
    const file = options.file ? path.resolve(project.session.dir, options.file) : await pickFile(project);
    if (!file) return { status: 'cancelled', message: 'No file was chosen.' };
    const lib = await loadCore();
    project.session.reloadFiles();
    const config = project.session.project?.config;
    if (!config) throw new Error(project.session.view().configError ?? `the config of ${project.folder.name} could not be read`);
    const table = options.table ?? await pickTable(ws, project, lib, isNode(arg) ? arg : undefined);
    if (!table) return { status: 'cancelled', message: 'No table was chosen.' };
    const base = { file, cwd: project.session.dir, table, historyTable: config.historyTable, cosine: config.embedding.distance === 'cosine', batchRows: options.batchRows };
    const preview = await ws.pool.use(project.session.dir, (db) => lib.previewLoad(db, base));
    const answer = options.answer ?? await askPreview(file, preview);
    if (!answer || answer === 'Cancel') return { status: 'cancelled', message: 'Nothing was loaded.', preview };
    const abort = new AbortController();
    project.running = abort;
    ws.log.info(`Load ${path.basename(file)} into ${preview.table} on ${ws.connections.label()}${answer === 'Resume' ? ' (resumed)' : ''}`);
    let result: LoadResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Loading ${path.basename(file)} into ${preview.table}`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          return ws.pool.use(project.session.dir, (db) => lib.loadFile(db, {
            ...base,
            resume: answer === 'Resume',
            truncate: answer === 'Start Over',
            maxRejects: answer === 'Load Valid Rows' ? Number.MAX_SAFE_INTEGER : 0,
            resumeCommand: 'Load Data into Table… again, and choose Resume',
            signal: abort.signal,
            onProgress: (p) => {
              state.last = p;
              progress.report({ message: p.phase === 'loading' ? lib.progressLine(p) : p.message });
            },
          }));
        },
      );
    } finally {
      project.running = undefined;
    }
    return await finish(ws, file, preview, result);
  } catch (err) {
    return failed(ws, project, err);
  }
}

function isNode(arg: unknown): arg is MigrationsNode {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && 'project' in arg;
}

function refused(message: string): LoadDataOutcome {
  void vscode.window.showWarningMessage(message);
  return { status: 'refused', message };
}

async function pickFile(project: Project): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    defaultUri: vscode.Uri.file(project.session.dir),
    canSelectMany: false,
    openLabel: 'Load',
    filters: { 'Data files': ['csv', 'tsv', 'jsonl', 'ndjson', 'gz'], 'All files': ['*'] },
  });
  return picked?.[0]?.fsPath;
}

/** The table the clicked migration creates (asking when it creates several), else any table. */
async function pickTable(ws: MigratorWorkspace, project: Project, lib: Core, node: MigrationsNode | undefined): Promise<string | undefined> {
  const created = node?.kind === 'migration' && node.entry.migration ? tablesCreatedBy(sectionText(node.entry.migration.up)) : [];
  if (created.length === 1) return created[0];
  const tables = created.length > 1 ? created : await ws.pool.use(project.session.dir, (db) => lib.listTables(db));
  if (tables.length === 0) {
    void vscode.window.showWarningMessage('The database has no table to load into: apply the migration that creates one first.');
    return undefined;
  }
  return vscode.window.showQuickPick(tables, { placeHolder: 'Load into which table?' });
}

/** The column mapping and the first bad rows, before anything is written. */
async function askPreview(file: string, preview: LoadPreview): Promise<PreviewAnswer | undefined> {
  const detail = previewText(preview);
  const buttons: PreviewAnswer[] = preview.interrupted ? ['Resume', 'Start Over'] : preview.rejections.length > 0 ? ['Load Valid Rows'] : ['Load'];
  const question = preview.interrupted
    ? `${preview.table} holds ${preview.interrupted.rowsLoaded} rows from an interrupted load of ${path.basename(file)}. Resume it, or empty the table and start over?`
    : `Load ${path.basename(file)} into ${preview.table}?`;
  return vscode.window.showInformationMessage(question, { modal: true, detail }, ...buttons);
}

export function previewText(preview: LoadPreview): string {
  const lines = [`Columns: ${preview.columns.map((c) => `${c.name} (${c.type})`).join(', ')}`];
  if (preview.leftOut.length > 0) lines.push(`Left to their defaults: ${preview.leftOut.join(', ')}`);
  const bad = preview.rejections.length;
  lines.push(`Checked the first ${preview.rowsChecked} rows: ${bad === 0 ? 'all valid' : `${bad} bad${bad >= 20 ? ' or more' : ''}`}`);
  for (const r of preview.rejections.slice(0, 5)) lines.push(`  line ${r.line}: ${r.reason}`);
  return lines.join('\n');
}

async function finish(ws: MigratorWorkspace, file: string, preview: LoadPreview, result: LoadResult): Promise<LoadDataOutcome> {
  const s = result.summary;
  const committed = `${s.rowsLoaded} rows committed${result.committedThroughLine > 0 ? ` (through line ${result.committedThroughLine})` : ''}`;
  let status: LoadDataOutcome['status'];
  let message: string;
  if (result.stopped?.reason === 'cancelled') {
    status = 'cancelled';
    message = `Loading ${path.basename(file)} was cancelled: ${committed}. Run Load Data into Table… again and choose Resume to go on.`;
  } else if (result.stopped) {
    status = 'stopped';
    message = `Loading ${path.basename(file)} stopped: ${result.stopped.message}. ${committed}; fix the input, then Resume.`;
  } else {
    status = s.rowsRejected > 0 ? 'rejected' : 'done';
    message = `Loaded ${s.rowsLoaded} rows into ${s.table}${s.rowsRejected > 0 ? `; ${s.rowsRejected} rejected (see ${path.basename(s.rejectsFile ?? '')})` : ''}.`;
  }
  ws.log[status === 'done' ? 'info' : 'warn'](message);
  if (s.rejectsFile && result.firstRejections.length > 0) await openAtRejection(s.rejectsFile, result.firstRejections[0].line);
  const show = status === 'done' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(message);
  return { status, message, preview, summary: s };
}

/** Opens the rejects file with the cursor on the line of the first row this run rejected. */
async function openAtRejection(rejectsFile: string, inputLine: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(rejectsFile);
  let at = 0;
  for (let i = 0; i < doc.lineCount; i++) {
    if (doc.lineAt(i).text.startsWith(`line ${inputLine}:`)) { at = i; break; }
  }
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, 0, at, doc.lineAt(at).text.length), preview: false });
}

function failed(ws: MigratorWorkspace, project: Project, err: unknown): LoadDataOutcome {
  const text = formatUserError(err, project.session.dir);
  ws.log.error(text);
  if (!(err instanceof MigratorError) && err instanceof Error && err.stack) ws.log.trace(err.stack);
  const message = redactSecrets(`Load Data failed: ${text.replace(/^error: /, '').split('\n')[0]}`);
  void vscode.window.showErrorMessage(message, 'Show Log').then((pick) => {
    if (pick) ws.log.show();
  });
  return { status: 'failed', message };
}
