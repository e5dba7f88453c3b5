// Schema findings -> Problems entries, in their own collection beside lint's: the last Check
// Against Architecture of each project (on its migrations and on the spec, a Markdown file) and
// the last rollback verification of each migration. Each source replaces only its own findings;
// findings on files that are gone are dropped.
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { SchemaFinding } from '../../core/schema/rules';
import { uriOf } from '../uris';
import type { SchemaDocsLinks } from './docs-links';

export const SCHEMA_SOURCE = 'pgvector Migrator (schema)';

const SEVERITY: Record<SchemaFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function findingRange(f: SchemaFinding): vscode.Range {
  return new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
}

export class SchemaDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('pgvector Migrator: schema');
  /** Findings by source: `check:<project dir>` or `verify:<migration file>`. */
  private readonly sources = new Map<string, SchemaFinding[]>();
  /** What is shown, by URI string, for hovers and the test API. */
  private shown = new Map<string, { uri: vscode.Uri; findings: SchemaFinding[] }>();

  constructor(private readonly links: SchemaDocsLinks) {}

  showCheck(projectDir: string, findings: SchemaFinding[]): void {
    this.replace(`check:${projectDir}`, findings);
  }

  showVerify(migrationFile: string, findings: SchemaFinding[]): void {
    this.replace(`verify:${migrationFile}`, findings);
  }

  /** A verification no longer true: its migration's file changed since. */
  dropVerify(migrationFile: string): void {
    if (this.sources.delete(`verify:${migrationFile}`)) this.render();
  }

  /** After files changed on disk: findings on deleted files go. */
  pruneMissing(): void {
    let gone = false;
    for (const [key, findings] of this.sources) {
      const kept = findings.filter((f) => fs.existsSync(f.file));
      if (kept.length === findings.length) continue;
      this.sources.set(key, kept);
      gone = true;
    }
    if (gone) this.render();
  }

  findings(uri: vscode.Uri): SchemaFinding[] {
    return this.shown.get(uri.toString())?.findings ?? [];
  }

  findingsAt(uri: vscode.Uri, position: vscode.Position): SchemaFinding[] {
    return this.findings(uri).filter((f) => findingRange(f).contains(position));
  }

  dispose(): void {
    this.collection.dispose();
  }

  private replace(key: string, findings: SchemaFinding[]): void {
    if (findings.length === 0) this.sources.delete(key);
    else this.sources.set(key, findings);
    this.render();
  }

  private render(): void {
    const next = new Map<string, { uri: vscode.Uri; findings: SchemaFinding[] }>();
    // A migration that fails to apply is found by the check and by the verification alike: shown once.
    const seen = new Set<string>();
    for (const f of [...this.sources.values()].flat()) {
      const id = `${f.file}\0${f.start}\0${f.rule}\0${f.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const uri = uriOf(f.file);
      const entry = next.get(uri.toString()) ?? { uri, findings: [] };
      entry.findings.push(f);
      next.set(uri.toString(), entry);
    }
    for (const [key, { uri }] of this.shown) if (!next.has(key)) this.collection.delete(uri);
    for (const { uri, findings } of next.values()) this.collection.set(uri, findings.map((f) => this.toDiagnostic(f)));
    this.shown = next;
  }

  private toDiagnostic(f: SchemaFinding): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(findingRange(f), f.message, SEVERITY[f.severity]);
    diagnostic.source = SCHEMA_SOURCE;
    diagnostic.code = { value: f.rule, target: this.links.page(f.rule) };
    return diagnostic;
  }
}
