// "Load Data into Table…": the command and what the test API reads of a running load.
// Registration is cheap; core/load is imported on the first load.
import * as vscode from 'vscode';
import type { MigratorWorkspace } from '../migrator-workspace';
import type { LoadProgress } from '../../core/load/types';
import { loadDataCommand, LoadDataOptions, LoadState } from './load-data';
import type { CommandArg } from '../commands/arguments';

export interface LoadApi {
  /** The last progress a load reported (rows committed, sent, bytes), or undefined before any. */
  lastProgress(): LoadProgress | undefined;
}

export function registerLoadData(context: vscode.ExtensionContext, ws: MigratorWorkspace): LoadApi {
  const state: LoadState = {};
  context.subscriptions.push(
    vscode.commands.registerCommand('pgvectorMigrator.loadData', (arg?: CommandArg | LoadDataOptions) => loadDataCommand(ws, state, arg)),
  );
  return { lastProgress: () => state.last };
}
