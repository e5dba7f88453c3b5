// What the schema checks add to the extension's API, for the extension-host tests: the findings
// and diagnostics on a file, the last check and verification of a project, the rollback test
// items, and a promise that resolves once no background check is running or waiting.
import type * as vscode from 'vscode';
import type { SchemaFinding } from '../../core/schema/rules';
import type { MigratorWorkspace } from '../migrator-workspace';
import { uriOf } from '../uris';
import type { ArchitectureChecks, CheckOutcome } from './architecture-checks';
import type { SchemaDiagnostics } from './diagnostics';
import type { RollbackTests, VerifiedItem } from './rollback-tests';

export interface TestItemSnapshot {
  id: string;
  label: string;
  uri?: string;
  /** 0-based line of the item's range. */
  line?: number;
  description?: string;
  error?: string;
  children: TestItemSnapshot[];
}

export interface SchemaApi {
  /** The schema findings shown on a file (absolute path). */
  findings(file: string): SchemaFinding[];
  /** The Problems entries of the schema checks on a file (absolute path). */
  diagnostics(file: string): readonly vscode.Diagnostic[];
  /** The last finished check of the project holding `project` (a path), or of the only project. */
  lastCheck(project?: string): CheckOutcome | undefined;
  /** What the last rollback run reported for each migration it ran, as the Test Explorer shows it. */
  verifyResults(project?: string): VerifiedItem[] | undefined;
  /** The rollback test items, as the Test Explorer lists them. */
  testItems(): TestItemSnapshot[];
  /** Resolves when no check is running or waiting for its debounce. */
  idle(): Promise<void>;
  /** True while a check is running or waiting for its debounce (a save schedules one at once). */
  busy(): boolean;
  /** True while the warm scratch database is open. */
  isScratchOpen(): boolean;
}

export function schemaApi(ws: MigratorWorkspace, parts: { checks: ArchitectureChecks; diagnostics: SchemaDiagnostics; tests: RollbackTests; isScratchOpen: () => boolean }): SchemaApi {
  const dirOf = (project?: string) => (project ? ws.projectOf(project) : ws.projects[0])?.session.dir ?? '';
  const snapshot = (item: vscode.TestItem): TestItemSnapshot => {
    const children: TestItemSnapshot[] = [];
    item.children.forEach((c) => { children.push(snapshot(c)); });
    children.sort((a, b) => (item.children.get(a.id)?.sortText ?? a.label).localeCompare(item.children.get(b.id)?.sortText ?? b.label));
    return {
      id: item.id, label: item.label, uri: item.uri?.toString(), line: item.range?.start.line,
      description: item.description, error: typeof item.error === 'string' ? item.error : item.error?.value, children,
    };
  };
  return {
    findings: (file) => parts.diagnostics.findings(uriOf(file)),
    diagnostics: (file) => parts.diagnostics.collection.get(uriOf(file)) ?? [],
    lastCheck: (project) => parts.checks.lastOutcome(dirOf(project)),
    verifyResults: (project) => parts.tests.lastResults(dirOf(project)),
    testItems: () => {
      const top: TestItemSnapshot[] = [];
      parts.tests.controller.items.forEach((i) => { top.push(snapshot(i)); });
      return top;
    },
    idle: () => parts.checks.idle(),
    busy: () => !parts.checks.isIdle(),
    isScratchOpen: parts.isScratchOpen,
  };
}
