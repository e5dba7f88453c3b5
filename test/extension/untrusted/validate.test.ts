/**
 * In Restricted Mode Validate Database is refused like the other database actions: no connection,
 * no report panel, no Problems entries.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PgvectorMigratorApi } from '../../../src/extension/test-api';
import type { ValidationApi } from '../../../src/extension/validate/register';
import type { ValidateOutcome } from '../../../src/extension/validate/run-validation';
import { extensionApi, run } from '../support/host';

describe('Validate Database in Restricted Mode', function () {
  this.timeout(60000);

  it('refuses, saying that the workspace is not trusted, and opens nothing', async () => {
    const api = (await extensionApi()) as PgvectorMigratorApi & { validation: ValidationApi };
    const outcome = await run<ValidateOutcome>('pgvectorMigrator.validate');
    assert.strictEqual(outcome.status, 'refused');
    assert.match(outcome.message, /^Validate needs a trusted workspace/);
    assert.strictEqual(outcome.report, undefined);
    assert.strictEqual(api.validation.reportHtml(), undefined);
    assert.strictEqual(api.isDatabaseOpen(), false);
    assert.ok(vscode.languages.getDiagnostics().every(([, ds]) => ds.every((d) => d.source !== 'pgvector Migrator (validate)')));
  });
});
