// Paths from core -> URIs VS Code accepts. Files are addressed through their workspace folder's
// URI, so the scheme is right in a remote window too (code-server uses vscode-remote:).
import * as path from 'path';
import * as vscode from 'vscode';

export function uriOf(absPath: string): vscode.Uri {
  const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => isInside(f.uri.fsPath, absPath));
  if (!folder) return vscode.Uri.file(absPath);
  const relative = path.relative(folder.uri.fsPath, absPath).split(path.sep).join('/');
  return relative ? vscode.Uri.joinPath(folder.uri, relative) : folder.uri;
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
