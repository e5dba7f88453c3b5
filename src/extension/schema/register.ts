// Schema truth in the editor: Check Against Architecture (on demand and on save) with its Problems
// entries and hovers, and Verify Rollbacks as tests in the Test Explorer, all on one warm scratch
// database per window. Registration is cheap: core/schema (PGlite, the parser) loads on the
// first check.
import * as vscode from 'vscode';
import type { MigratorWorkspace } from '../migrator-workspace';
import type { CommandArg } from '../commands/arguments';
import { RuleDocsLinks } from '../lint/docs-links';
import { ArchitectureChecks } from './architecture-checks';
import { SchemaDiagnostics } from './diagnostics';
import { SchemaDocsLinks } from './docs-links';
import { SCHEMA_HOVER_FILES, SchemaHovers } from './hover';
import { RollbackTests } from './rollback-tests';
import { WarmScratch } from './scratch';
import { SchemaApi, schemaApi } from './test-api';
import { verifyRollbacksCommand } from './verify-command';

export type { SchemaApi } from './test-api';

export function registerSchemaChecks(context: vscode.ExtensionContext, ws: MigratorWorkspace): SchemaApi {
  const links = new SchemaDocsLinks(new RuleDocsLinks(context.extensionUri, context.extensionPath));
  const scratch = new WarmScratch(ws.log);
  const diagnostics = new SchemaDiagnostics(links);
  const checks = new ArchitectureChecks(ws, scratch, diagnostics);
  const tests = new RollbackTests(ws, scratch, diagnostics);
  context.subscriptions.push(
    checks,
    tests,
    diagnostics,
    scratch,
    vscode.languages.registerHoverProvider(SCHEMA_HOVER_FILES, new SchemaHovers(diagnostics, links)),
    // Files changed on disk (the workspace re-read them): test items follow, findings on deleted files go.
    ws.onDidChange(() => {
      tests.items.sync();
      diagnostics.pruneMissing();
    }),
    vscode.commands.registerCommand('pgvectorMigrator.checkArchitecture', (arg?: CommandArg) => checks.command(arg)),
    vscode.commands.registerCommand('pgvectorMigrator.verifyRollbacks', (arg?: CommandArg) => verifyRollbacksCommand(ws, tests, arg)),
  );
  return schemaApi(ws, { checks, diagnostics, tests, isScratchOpen: () => scratch.isOpen });
}
