/**
 * Validate Database in the editor: on the embedded database (the quickstart's default) a zero
 * vector in chunks.embedding, which an HNSW cosine index serves, is reported as vector-zero-norm
 * with its row and remediation; the report shows in a webview panel with a strict CSP; its "Open
 * SQL" opens the remediation in a new untitled SQL editor without running it; the finding sits
 * in the Problems panel on the line that defines the column until the next validation. The server
 * half (PGVM_TEST_DATABASE_URL) validates a configured connection and cancels a waiting scan.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Client } from 'pg';
import { SERVER_URL, serverAdmin } from './support/server';
import type { PgvectorMigratorApi } from '../../src/extension/test-api';
import type { ValidationApi } from '../../src/extension/validate/register';
import type { ValidateOutcome } from '../../src/extension/validate/run-validation';
import type { ActionOutcome } from '../../src/extension/commands/outcome';
import type { CheckResult } from '../../src/core/validate/types';
import { extensionApi, migrationPath, run, startFresh, until, workspaceDir, workspaceUri, writeFile } from './support/host';

type Api = PgvectorMigratorApi & { validation: ValidationApi };


/** A migration that plants the defect: one document, one chunk whose embedding is all zeros. */
const PLANT_ZERO_VECTOR = [
  '-- Migration: 0004_plant_zero_vector.sql',
  '-- Description: a chunk whose embedding is the zero vector, for Validate to find',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: test',
  '-- Date: 2026-01-06',
  '',
  '-- UP Migration',
  'BEGIN;',
  "INSERT INTO documents (title) VALUES ('zero vector');",
  'INSERT INTO chunks (document_id, chunk_index, content, embedding)',
  "    SELECT id, 0, 'nothing', array_fill(0, ARRAY[1536])::vector FROM documents WHERE title = 'zero vector';",
  'COMMIT;',
  '',
  '-- DOWN Migration',
  'BEGIN;',
  "DELETE FROM documents WHERE title = 'zero vector';",
  'COMMIT;',
  '',
].join('\n');

const CHUNKS_FILE = '0003_create_chunks.sql';
/** 1-based line of 0003_create_chunks.sql that defines chunks.embedding. */
function embeddingLine(): number {
  return fs.readFileSync(migrationPath(CHUNKS_FILE), 'utf8').split('\n').findIndex((l) => /^\s*embedding vector\(1536\)/.test(l)) + 1;
}

function zeroNorm(outcome: ValidateOutcome): CheckResult | undefined {
  return outcome.report?.checks.find((c) => c.id === 'vector-zero-norm' && c.table === 'public.chunks' && c.column === 'embedding');
}

function validateDiagnostics(): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(workspaceUri(migrationPath(CHUNKS_FILE))).filter((d) => d.source === 'pgvector Migrator (validate)');
}

/** The report tabs the user sees, across editor groups. */
function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('pgvectorMigrator.validationReport'));
}

/** The data attributes of a report button, decoded as the webview's `dataset` decodes them. */
function remediationButton(html: string, check: string): { check: string; sql: string } | undefined {
  const decode = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
  const m = new RegExp(`<button type="button" class="open-remediation" data-check="${check}" data-remediation="([^"]*)">`).exec(html);
  return m ? { check, sql: decode(m[1]) } : undefined;
}

/** Closes untitled editors this suite opened without a save prompt. */
async function closeUntitled(): Promise<void> {
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'untitled') {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === (tab.input as vscode.TabInputText).uri.toString());
      if (doc) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  }
}

describe('Validate Database', function () {
  this.timeout(300000);
  let api: Api;
  let outcome: ValidateOutcome;

  before(async () => {
    api = (await extensionApi()) as Api;
    await startFresh(api);
    writeFile(migrationPath('0004_plant_zero_vector.sql'), PLANT_ZERO_VECTOR);
    await run('pgvectorMigrator.refresh');
    const applied = await run<ActionOutcome>('pgvectorMigrator.applyPending');
    assert.strictEqual(applied.status, 'done', applied.message);
    assert.deepStrictEqual(applied.completed, ['0001', '0002', '0003', '0004']);
    outcome = await run<ValidateOutcome>('pgvectorMigrator.validate');
  });
  after(async () => {
    await closeUntitled();
    for (const tab of reportTabs()) await vscode.window.tabGroups.close(tab);
    await startFresh(api);
  });

  it('reports the zero vector in chunks.embedding as a failed vector-zero-norm check, with its row and remediation', () => {
    assert.strictEqual(outcome.status, 'done', outcome.message);
    const found = zeroNorm(outcome);
    assert.ok(found, 'a vector-zero-norm result for public.chunks.embedding');
    assert.strictEqual(found.status, 'fail');
    assert.strictEqual(found.rows, 1);
    assert.strictEqual(found.sample.length, 1);
    assert.match(found.message, /1 of 1 vectors are zero vectors/);
    assert.match(found.remediation ?? '', /^UPDATE public\.chunks SET embedding = NULL WHERE .*vector_norm\(embedding\) = 0;$/m);
    assert.strictEqual(api.validation.lastReport(), outcome.report);
  });

  it('tells the user how many checks failed and passed', () => {
    const t = { fail: 0, error: 0, pass: 0 };
    for (const c of outcome.report!.checks) t[c.status]++;
    assert.ok(t.fail >= 1);
    assert.match(outcome.message, new RegExp(`^Validate: ${t.fail} checks? failed, ${t.error ? `${t.error} could not run, ` : ''}${t.pass} passed$`));
  });

  it('shows the report in a webview panel whose page allows only its own nonce\'d style and script', async () => {
    const html = api.validation.reportHtml();
    assert.ok(html, 'the report panel is open');
    await until(api, 'the report tab', () => (reportTabs().length === 1 ? true : undefined));
    assert.match(html, /<tr class="status-fail" data-check="vector-zero-norm" data-status="fail">/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(csp, 'the page carries a Content-Security-Policy');
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, 'scripts need the nonce');
    const [defaults, styles, scripts, ...rest] = csp.split('; ');
    assert.strictEqual(defaults, "default-src 'none'");
    assert.match(styles, new RegExp(`^style-src [^']*('self' [^']*)?'nonce-${nonce.replace(/[+/]/g, '\\$&')}'$`), 'styles: the webview\'s own source and the nonce, never unsafe-inline');
    assert.strictEqual(scripts, `script-src 'nonce-${nonce}'`);
    assert.deepStrictEqual(rest, []);
    assert.deepStrictEqual(html.match(/<script[^>]*>/g), [`<script nonce="${nonce}">`]);
    assert.deepStrictEqual(html.match(/<style[^>]*>/g), [`<style nonce="${nonce}">`]);
  });

  it('opens the remediation in a new untitled SQL editor when its button is clicked, and runs nothing', async () => {
    const button = remediationButton(api.validation.reportHtml()!, 'vector-zero-norm');
    assert.ok(button, 'the report has an "Open SQL" button for vector-zero-norm');
    const document = await api.validation.postFromReport({ type: 'openRemediation', ...button });
    assert.ok(document, 'a document was opened');
    assert.strictEqual(document.isUntitled, true);
    assert.strictEqual(document.languageId, 'sql');
    assert.strictEqual(document.getText(), zeroNorm(outcome)!.remediation);
    assert.strictEqual(vscode.window.activeTextEditor?.document, document);
    // The zero vector is still there: the next validation finds it again.
    const again = await run<ValidateOutcome>('pgvectorMigrator.validate');
    assert.strictEqual(zeroNorm(again)?.rows, 1);
  });

  it('opens nothing for a message whose SQL is not one of the report\'s remediations', async () => {
    const before = vscode.workspace.textDocuments.length;
    const document = await api.validation.postFromReport({ type: 'openRemediation', check: 'vector-zero-norm', sql: 'DROP TABLE chunks;' });
    assert.strictEqual(document, undefined);
    assert.strictEqual(vscode.workspace.textDocuments.length, before);
  });

  it('puts a warning in the Problems panel on the line of 0003_create_chunks.sql that defines the column', () => {
    const found = zeroNorm(outcome)!;
    assert.strictEqual(found.file, migrationPath(CHUNKS_FILE));
    assert.strictEqual(found.line, embeddingLine());
    const problems = validateDiagnostics().filter((d) => d.code === 'vector-zero-norm');
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(problems[0].range.start.line, embeddingLine() - 1);
    assert.match(problems[0].message, /^public\.chunks\.embedding: 1 of 1 vectors are zero vectors/);
  });

  it('logs each failed check with its migration, then the summary', () => {
    const log = api.logLines().join('\n');
    assert.match(log, new RegExp(`\\[warn\\] failed: vector-zero-norm on public\\.chunks\\.embedding \\(db/migrations/${CHUNKS_FILE}:${embeddingLine()}\\): 1 of 1 vectors`));
    assert.match(log, /\[info\] Validation found: \d+ failed, \d+ could not run, \d+ passed/);
  });

  it('validates again in the same panel once the row is gone, and clears the Problems entry', async () => {
    const rolledBack = await run<ActionOutcome>('pgvectorMigrator.rollBack');
    assert.deepStrictEqual(rolledBack.completed, ['0004']);
    const again = await run<ValidateOutcome>('pgvectorMigrator.validate');
    assert.strictEqual(again.status, 'done', again.message);
    assert.strictEqual(zeroNorm(again)?.status, 'pass');
    assert.match(api.validation.reportHtml()!, /<tr class="status-pass" data-check="vector-zero-norm" data-status="pass">/);
    assert.strictEqual(reportTabs().length, 1);
    await until(api, 'the Problems entry to go', () => (validateDiagnostics().length === 0 ? true : undefined));
  });

  describe('on a configured PostgreSQL server', function () {
    if (!SERVER_URL) {
      it.skip('needs PGVM_TEST_DATABASE_URL pointing at a PostgreSQL with pgvector');
      return;
    }
    const database = `pgvm_validate_${process.pid}`;
    const admin = serverAdmin;

    before(async () => {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      await admin((c) => c.query(`CREATE DATABASE ${database}`));
      const url = new URL(SERVER_URL!);
      const password = decodeURIComponent(url.password);
      url.password = '';
      url.pathname = `/${database}`;
      const saved = await run<string | undefined>('pgvectorMigrator.addConnection', { name: 'validate server', url: url.toString(), password });
      assert.strictEqual(saved, 'validate server');
      // 0004 is still on disk: applying plants the zero vector on the server too.
      const applied = await run<ActionOutcome>('pgvectorMigrator.applyPending');
      assert.strictEqual(applied.status, 'done', applied.message);
      assert.deepStrictEqual(applied.completed, ['0001', '0002', '0003', '0004']);
    });
    after(async () => {
      await vscode.workspace.getConfiguration('pgvectorMigrator').update('connections', undefined, vscode.ConfigurationTarget.Global);
      await run('pgvectorMigrator.selectConnection', { kind: 'embedded' });
      await api.releaseDatabase();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    });

    it('validates the selected server, read-only, and finds the zero vector there', async () => {
      const historyBefore = await admin((c) => c.query('SELECT version, state, applied_at FROM pgvector_migrator_history ORDER BY version'), database);
      const found = await run<ValidateOutcome>('pgvectorMigrator.validate');
      assert.strictEqual(found.status, 'done', found.message);
      assert.match(found.report!.database, new RegExp(database));
      assert.strictEqual(zeroNorm(found)?.rows, 1);
      const historyAfter = await admin((c) => c.query('SELECT version, state, applied_at FROM pgvector_migrator_history ORDER BY version'), database);
      assert.deepStrictEqual(historyAfter.rows, historyBefore.rows);
      const rows = await admin((c) => c.query('SELECT count(*)::int AS n FROM chunks WHERE vector_norm(embedding) = 0'), database);
      assert.strictEqual(rows.rows[0].n, 1);
    });

    it('stops at Cancel while validation waits for a lock, and says it was cancelled', async () => {
      // A lock wait longer than the test, so that only Cancel can end it.
      const configFile = path.join(workspaceDir(), 'pgvector-migrator.json');
      const config = fs.readFileSync(configFile, 'utf8');
      fs.writeFileSync(configFile, JSON.stringify({ ...JSON.parse(config), lockTimeout: '10min' }, null, 2));
      const url = new URL(SERVER_URL!);
      url.pathname = `/${database}`;
      const locker = new Client({ connectionString: url.toString() });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE chunks IN ACCESS EXCLUSIVE MODE');
        const running = run<ValidateOutcome>('pgvectorMigrator.validate');
        await until(api, 'validation waiting for the lock on chunks', async () => {
          const r = await admin((c) => c.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> $2`, [database, (locker as unknown as { processID: number }).processID]));
          return r.rows.length > 0 ? true : undefined;
        });
        assert.strictEqual(api.cancelRunning(), true);
        const cancelled = await running;
        assert.strictEqual(cancelled.status, 'cancelled', cancelled.message);
        assert.match(cancelled.message, /^Validate was cancelled/);
        assert.strictEqual(zeroNorm(cancelled), undefined);
        const waiting = await admin((c) => c.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [database]));
        assert.strictEqual(waiting.rows.length, 0, 'the waiting statement was cancelled on the server');
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
        fs.writeFileSync(configFile, config);
      }
    });
  });
});
