// "Create pgvector-migrator.json" (welcome content): a starting config in a workspace folder.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG } from '../../core/config/config';
import { STARTER_EMBEDDING } from '../../core/config/embedding';
import type { MigratorWorkspace } from '../migrator-workspace';

/** Returns the config file's path, or undefined when there was no folder to put it in. */
export async function createConfig(ws: MigratorWorkspace, arg?: { folder?: string }): Promise<string | undefined> {
  const folder = arg?.folder ?? await pickFolder();
  if (!folder) {
    void vscode.window.showWarningMessage('Open a folder first: pgvector-migrator.json lives at the root of a workspace folder.');
    return undefined;
  }
  const file = path.join(folder, CONFIG_FILE_NAME);
  if (!fs.existsSync(file)) {
    const config = {
      migrationsDir: DEFAULT_CONFIG.migrationsDir,
      postgresVersion: DEFAULT_CONFIG.postgresVersion,
      pgvectorVersion: DEFAULT_CONFIG.pgvectorVersion,
      embedding: STARTER_EMBEDDING,
    };
    fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    fs.mkdirSync(path.join(folder, DEFAULT_CONFIG.migrationsDir), { recursive: true });
    ws.log.info(`Created ${file}`);
  }
  ws.rescan();
  const folderUri = vscode.workspace.workspaceFolders?.find((f) => f.uri.fsPath === folder)?.uri;
  await vscode.window.showTextDocument(folderUri ? vscode.Uri.joinPath(folderUri, CONFIG_FILE_NAME) : vscode.Uri.file(file));
  return file;
}

async function pickFolder(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri.fsPath;
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should pgvector-migrator.json go?' });
  return pick?.uri.fsPath;
}
