// "Change Embedding Model…": the expand/contract migrations of a model change (core writes them,
// see core/migrations/embedding-change.ts), for a vector column picked or given, to a model of the
// config's `embeddings`. Opens the contract migration, which holds the backfill's precondition.
import * as vscode from 'vscode';
import { formatUserError } from '../../core/errors';
import { loadHeavy } from '../heavy-modules';
import type { MigratorWorkspace } from '../migrator-workspace';
import { uriOf } from '../uris';
import { CommandArg, optionsOf, projectFor } from './arguments';

export interface ChangeEmbeddingOptions {
  project?: string;
  /** `chunks.embedding`; asked for when missing (the word under the cursor is offered). */
  target?: string;
  /** A model name of `embeddings`; picked when missing. */
  model?: string;
}

/** Returns the created file paths (none when the user backed out or it failed). */
export async function changeEmbeddingModel(ws: MigratorWorkspace, arg: CommandArg & ChangeEmbeddingOptions): Promise<string[]> {
  const project = await projectFor(ws, arg);
  if (!project) return [];
  project.session.reloadFiles();
  const { set } = project.session;
  const loaded = project.session.project;
  if (!set || !loaded) {
    void vscode.window.showErrorMessage(`Fix ${project.session.configFile} first: ${project.session.view().configError ?? ''}`);
    return [];
  }
  const options = optionsOf(arg) as ChangeEmbeddingOptions;
  const target = options.target ?? await vscode.window.showInputBox({
    title: 'Change Embedding Model',
    prompt: 'The vector column to move to another model, as TABLE.COLUMN',
    value: wordAtCursor(),
    validateInput: (v) => (/^[^.\s]+(\.[^.\s]+){1,2}$/.test(v.trim()) ? undefined : 'e.g. chunks.embedding'),
  });
  if (!target) return [];
  const models = loaded.config.embeddings.map((m) => ({ label: m.name, description: `${m.type}(${m.dimensions ?? '?'}), ${m.distance}` }));
  if (!options.model && models.length === 0) {
    void vscode.window.showErrorMessage('Declare the new model in "embeddings" of pgvector-migrator.json first, e.g. "openai-3-large": { "dimensions": 3072 }');
    return [];
  }
  const model = options.model ?? (await vscode.window.showQuickPick(models, { title: `Change ${target} to model…` }))?.label;
  if (!model) return [];
  try {
    const [{ ensureParser }, { writeEmbeddingChange }] = await loadHeavy('embedding change (SQL parser)', () => Promise.all([
      import('../../core/sql/parser'), import('../../core/migrations/embedding-change'),
    ]));
    await ensureParser();
    const files = writeEmbeddingChange(set, loaded.config, { target: target.trim(), model, author: vscode.workspace.getConfiguration('pgvectorMigrator').get<string>('author') || 'unknown', now: new Date() });
    ws.log.info(`Created ${files.map((f) => vscode.workspace.asRelativePath(uriOf(f))).join(', ')}`);
    ws.reloadFiles(project);
    await vscode.window.showTextDocument(uriOf(files[2]));
    return files;
  } catch (err) {
    void vscode.window.showErrorMessage(formatUserError(err, project.session.dir).replace(/^error: /, ''));
    return [];
  }
}

/** `chunks.embedding` when the cursor is on such a word, else ''. */
function wordAtCursor(): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return '';
  const range = editor.document.getWordRangeAtPosition(editor.selection.active, /[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*){1,2}/);
  return range ? editor.document.getText(range) : '';
}
