// Entry point: wires the core to VS Code. Activation builds only light objects; database drivers,
// PGlite and the SQL parser load on the first database action (see heavy-modules.ts).
import { modulesStartedAt } from './activation-clock';
import * as vscode from 'vscode';
import * as path from 'path';
import { CONFIG_FILE_NAME } from '../core/config/config';
import { embeddedChangeMarker, readChangeMarker } from '../core/db/embedded';
import { Connections } from './connections';
import { Log } from './log';
import { MigratorWorkspace } from './migrator-workspace';
import { MigrationsTree, VIEW_ID } from './migrations-tree';
import { RunDiagnostics } from './run-diagnostics';
import { StatusBar } from './status-bar';
import { WelcomeContext } from './welcome-context';
import { registerCommands } from './commands/register';
import { registerLanguageFeatures } from './language/register';
import { registerLintFeatures } from './lint/register';
import { registerValidation, ValidationApi } from './validate/register';
import { registerSchemaChecks, SchemaApi } from './schema/register';
import { registerPlan } from './plan/register';
import { registerLoadData, LoadApi } from './load/register';
import { PgvectorMigratorApi, testApi } from './test-api';

let workspace: MigratorWorkspace | undefined;

export function activate(context: vscode.ExtensionContext): PgvectorMigratorApi & { validation: ValidationApi; schema: SchemaApi; load: LoadApi } {
  const activateStartedAt = performance.now();
  const log = new Log();
  const connections = new Connections(context);
  const ws = new MigratorWorkspace(connections, log);
  workspace = ws;
  const tree = new MigrationsTree(ws);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });
  const statusBar = new StatusBar(ws);
  const welcome = new WelcomeContext(ws);
  context.subscriptions.push(log, connections, ws, tree, view, statusBar, new RunDiagnostics(ws), welcome);
  registerCommands(context, ws);
  registerLanguageFeatures(context, registerLintFeatures(context, log), ws);
  const validation = registerValidation(context, ws);
  const schema = registerSchemaChecks(context, ws);
  registerPlan(context, ws);
  const load = registerLoadData(context, ws);

  const updateMessage = () => {
    view.message = ws.projects.length > 0 && connections.current().kind === 'embedded'
      ? 'Using the embedded database (.pgvector-migrator/db). Select Connection to use a server.'
      : undefined;
  };
  updateMessage();
  context.subscriptions.push(
    connections.onDidChange(updateMessage),
    ws.onDidChange(updateMessage),
    ...watchFiles(ws),
    ...warmUpTriggers(ws, view),
    vscode.workspace.onDidChangeWorkspaceFolders(() => ws.rescan()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => ws.fire()),
  );
  // What activation costs us: evaluating our modules plus activate() itself (VS Code's own work
  // between the two is not ours to count).
  const activation = { evaluateMs: modulesEvaluatedAt - modulesStartedAt, activateMs: performance.now() - activateStartedAt };
  log.info(`Activated in ${(activation.evaluateMs + activation.activateMs).toFixed(1)} ms (modules ${activation.evaluateMs.toFixed(1)} ms, activate ${activation.activateMs.toFixed(1)} ms); database drivers load on the first database action`);
  return Object.assign(testApi(activation, ws, tree, statusBar, welcome), { validation, schema, load });
}

/** The view follows the files: migrations re-read on change, projects found when a config appears. */
function watchFiles(ws: MigratorWorkspace): vscode.Disposable[] {
  const timers = new Map<string, NodeJS.Timeout>();
  // Saving or generating files fires bursts of events: re-read once per burst and project.
  const later = (key: string, work: () => void) => {
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => { timers.delete(key); work(); }, 150));
  };
  const onSql = (uri: vscode.Uri) => {
    const project = ws.projectOf(uri.fsPath);
    if (project) later(project.session.dir, () => ws.reloadFiles(project));
  };
  const onConfig = () => later(CONFIG_FILE_NAME, () => ws.rescan());
  // Another process (the CLI in the terminal, another window) wrote to the embedded database and
  // touched its change marker once it let go: read the history again, so the view shows it.
  const onMarker = (uri: vscode.Uri) => {
    if (ws.connections.current().kind !== 'embedded' || !vscode.workspace.isTrusted) return;
    const project = ws.projects.find((p) => path.resolve(embeddedChangeMarker(p.session.dir)) === path.resolve(uri.fsPath));
    if (!project) return;
    const marker = readChangeMarker(project.session.dir);
    if (!marker || marker.pid === process.pid) return;
    later(`marker:${project.session.dir}`, () => {
      ws.log.info(`The embedded database of ${project.folder.name} was changed by process ${marker.pid} (${marker.command}): reading its history again`);
      void ws.readStatus(project);
    });
  };
  const marker = vscode.workspace.createFileSystemWatcher(`**/${path.basename(embeddedChangeMarker('.'))}`, false, false, true);
  const sql = vscode.workspace.createFileSystemWatcher('**/*.sql');
  const config = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
  // A migrations folder (or a folder above it) deleted or moved outside VS Code, by a terminal or
  // git, fires one event for the folder and none for the *.sql files in it.
  const deletions = vscode.workspace.createFileSystemWatcher('**', true, true, false);
  return [
    sql, config, deletions, marker,
    marker.onDidCreate(onMarker), marker.onDidChange(onMarker),
    sql.onDidCreate(onSql), sql.onDidChange(onSql), sql.onDidDelete(onSql),
    config.onDidCreate(onConfig), config.onDidChange(onConfig), config.onDidDelete(onConfig),
    deletions.onDidDelete((uri) => ws.projectsWithin(uri.fsPath).forEach((p) => later(p.session.dir, () => ws.reloadFiles(p)))),
    // The same done in VS Code (the Explorer's Delete or Rename) fires no *.sql event either.
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((f) => ws.projectOf(f.fsPath) && onSql(f))),
    vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => [f.oldUri, f.newUri].forEach((u) => ws.projectOf(u.fsPath) && onSql(u)))),
    { dispose: () => timers.forEach(clearTimeout) },
  ];
}

/**
 * Warms PGlite up ahead of the user's first action, when one becomes likely (the view is shown, a
 * migration is opened), never at activation: by reading the history in the background. What
 * makes a later open fast is PostgreSQL having started once in this process (a warm reopen costs
 * about half of a first one); compiling the WebAssembly alone gains nothing measurable
 * (scripts/bench-embedded.mjs). The read holds the database like any action, for well under a
 * second, and fills in the view and the status bar's pending count.
 */
function warmUpTriggers(ws: MigratorWorkspace, view: vscode.TreeView<unknown>): vscode.Disposable[] {
  const warmUp = () => {
    if (!vscode.workspace.isTrusted || ws.connections.current().kind !== 'embedded') return;
    for (const project of ws.projects) void ws.ensureStatus(project);
  };
  return [
    view.onDidChangeVisibility((e) => { if (e.visible) warmUp(); }),
    vscode.window.onDidChangeActiveTextEditor((editor) => { if (editor && ws.projectOf(editor.document.uri.fsPath)) warmUp(); }),
  ];
}

/** Runs last in module evaluation: everything this file imports has been evaluated by now. */
const modulesEvaluatedAt = performance.now();

/** Closes the embedded database so its lock file is released when the window closes. */
export async function deactivate(): Promise<void> {
  await workspace?.pool.releaseAll();
  workspace = undefined;
}

