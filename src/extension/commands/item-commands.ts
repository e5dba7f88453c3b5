// Item commands that need no database: "Open DOWN section" and "Copy version".
import * as vscode from 'vscode';
import { LineIndex } from '../../core/sql/positions';
import type { MigratorWorkspace } from '../migrator-workspace';
import { uriOf } from '../uris';
import { CommandArg, projectFor, versionFor } from './arguments';

/** Opens the file holding the DOWN section with the cursor on its marker (or first line). */
export async function openDownSection(ws: MigratorWorkspace, arg: CommandArg): Promise<vscode.TextEditor | undefined> {
  const project = await projectFor(ws, arg);
  const version = versionFor(arg);
  project?.session.reloadFiles();
  const migration = project?.session.set?.migrations.find((m) => m.version === version);
  const down = migration?.down;
  if (!down) {
    void vscode.window.showWarningMessage(`${version ?? 'This migration'} has no DOWN section.`);
    return undefined;
  }
  const line = (down.markerLine ?? new LineIndex(down.fileText).positionAt(down.start).line) - 1;
  const position = new vscode.Position(line, 0);
  return vscode.window.showTextDocument(uriOf(down.file), { selection: new vscode.Range(position, position) });
}

export async function copyVersion(arg: CommandArg): Promise<string | undefined> {
  const version = versionFor(arg);
  if (version) await vscode.env.clipboard.writeText(version);
  return version;
}
