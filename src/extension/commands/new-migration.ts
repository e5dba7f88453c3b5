// "New Migration": the next file from the team's template, opened with the cursor in its UP section.
import { execFile } from 'child_process';
import * as os from 'os';
import * as vscode from 'vscode';
import { createMigration, snakeName } from '../../core/migrations/create';
import { formatUserError } from '../../core/errors';
import type { MigratorWorkspace } from '../migrator-workspace';
import { uriOf } from '../uris';
import { CommandArg, optionsOf, projectFor } from './arguments';

export interface NewMigrationOptions {
  project?: string;
  /** The migration's name, e.g. "add chunk embeddings"; asked for when missing. */
  name?: string;
}

/** Returns the created file paths (none when the user backed out). */
export async function newMigration(ws: MigratorWorkspace, arg: CommandArg & NewMigrationOptions): Promise<string[]> {
  const project = await projectFor(ws, arg);
  if (!project) return [];
  project.session.reloadFiles();
  const set = project.session.set;
  if (!set) {
    void vscode.window.showErrorMessage(`Fix ${project.session.configFile} first: ${project.session.view().configError ?? ''}`);
    return [];
  }
  const name = (optionsOf(arg) as NewMigrationOptions).name ?? await vscode.window.showInputBox({
    title: 'New Migration',
    prompt: 'What does it do? (becomes the file name, e.g. add_chunk_embeddings)',
    validateInput: (v) => (snakeName(v) ? undefined : 'Use letters and digits, e.g. add chunk embeddings'),
  });
  if (!name) return [];
  try {
    const files = createMigration(set, { name, author: await authorName(), now: new Date() });
    ws.log.info(`Created ${files.map((f) => vscode.workspace.asRelativePath(uriOf(f))).join(', ')}`);
    ws.reloadFiles(project);
    const editor = await vscode.window.showTextDocument(uriOf(files[0]));
    const cursor = firstBlankLineAfterUp(editor.document);
    editor.selection = new vscode.Selection(cursor, cursor);
    return files;
  } catch (err) {
    void vscode.window.showErrorMessage(formatUserError(err, project.session.dir).replace(/^error: /, ''));
    return [];
  }
}

/** The setting, else git's user.name, else the OS user: what goes into the header's Author. */
async function authorName(): Promise<string> {
  const configured = vscode.workspace.getConfiguration('pgvectorMigrator').get<string>('author');
  if (configured) return configured;
  const fromGit = await new Promise<string>((resolve) => {
    execFile('git', ['config', 'user.name'], { timeout: 3000 }, (err, stdout) => resolve(err ? '' : stdout.trim()));
  });
  return fromGit || os.userInfo().username;
}

function firstBlankLineAfterUp(doc: vscode.TextDocument): vscode.Position {
  let seenUp = false;
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text.trim();
    if (/^--\s*(UP Migration|migrate:up)\b/i.test(text)) seenUp = true;
    else if (seenUp && text === '') return new vscode.Position(i, 0);
  }
  return new vscode.Position(doc.lineCount - 1, 0);
}
