import * as assert from 'node:assert/strict';
import { CheckResult, ValidationReport, renderReportHtml, renderReportMarkdown, renderReportText, reportJson } from '../../src/core/validate';

const HOSTILE_TABLE = 'public.<script>alert("x")</script> | `t`';
const REMEDIATION = "SELECT id FROM public.\"<b>&amp;\"\"\" WHERE note = 'it''s';\n-- ```` fence breaker";

function result(over: Partial<CheckResult>): CheckResult {
  return { id: 'vector-zero-norm', table: HOSTILE_TABLE, column: 'embedding', status: 'fail', rows: 2, sample: [2, 3], message: 'two <i>zero</i> vectors | here', remediation: REMEDIATION, file: '/project/db/migrations/0001_x.sql', line: 7, ...over };
}

const report: ValidationReport = {
  database: 'postgres://u:***@host/db',
  startedAt: new Date(0),
  durationMs: 1234,
  cancelled: false,
  checks: [
    result({}),
    result({ id: 'history-drift', table: null, column: null, status: 'pass', rows: null, sample: [], message: 'every applied migration matches its file', remediation: null, file: undefined, line: undefined }),
    result({ id: 'sequence-behind', status: 'error', rows: null, sample: [], message: 'could not check: canceling statement due to statement timeout', remediation: null, file: undefined, line: undefined }),
  ],
};

const relative = (file: string) => file.replace('/project/', '');

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('rendering a validation report', () => {
  it('escapes every name and message in HTML, and loads nothing from outside', () => {
    const html = renderReportHtml(report, relative);
    assert.ok(!html.includes('<script'), 'no script element, not even from a table name');
    assert.ok(!html.includes('<i>') && !html.includes('<b>'), 'no markup from messages or SQL');
    assert.match(html, /public\.&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /\b(src|href)=|url\(|@import/);
  });

  it('carries each remediation SQL exactly in a data attribute of its button', () => {
    const html = renderReportHtml(report, relative);
    const attributes = [...html.matchAll(/<button type="button" class="open-remediation" data-check="([^"]*)" data-remediation="([^"]*)">/g)];
    assert.deepEqual(attributes.map((m) => [m[1], unescapeHtml(m[2])]), [['vector-zero-norm', REMEDIATION]]);
    assert.match(html, /<div class="location" data-file="db\/migrations\/0001_x\.sql" data-line="7">/);
  });

  it('writes Markdown tables whose cells cannot break the table or render markup', () => {
    const md = renderReportMarkdown(report, relative);
    const row = md.split('\n').find((l) => l.startsWith('| **FAIL**'))!;
    assert.equal(row, '| **FAIL** | public.\\<script\\>alert\\("x"\\)\\</script\\> \\| \\`t\\`.embedding | 2 | two \\<i\\>zero\\</i\\> vectors \\| here | 2, 3 |');
    assert.match(md, /^`````sql\n/m, 'a fence longer than the backticks inside the SQL');
    assert.ok(md.includes(REMEDIATION));
  });

  it('prints failures and errors before passes in text, then the tally', () => {
    const text = renderReportText(report, relative);
    const heads = text.split('\n').filter((l) => /^(PASS|FAIL|ERROR)/.test(l)).map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    assert.deepEqual(heads, ['FAIL vector-zero-norm', 'ERROR sequence-behind', 'PASS history-drift']);
    assert.match(text, /^ {6}--> db\/migrations\/0001_x\.sql:7$/m);
    assert.match(text, /^Validation found: 1 failed, 1 could not run, 1 passed \(3 results in 1\.2 s\)$/m);
  });

  it('gives JSON the documented keys, with the file relative', () => {
    const json = reportJson(report, relative) as { checks: Record<string, unknown>[] };
    assert.deepEqual(json.checks[0], {
      id: 'vector-zero-norm', table: HOSTILE_TABLE, column: 'embedding', status: 'fail', rows: 2, sample: [2, 3],
      message: 'two <i>zero</i> vectors | here', remediation: REMEDIATION, file: 'db/migrations/0001_x.sql', line: 7,
    });
    assert.deepEqual(Object.keys(json.checks[1]), ['id', 'table', 'column', 'status', 'rows', 'sample', 'message', 'remediation']);
  });
});
