// The report page from core -> a webview document: core's page has no scripts and no CSP, so
// here it gets a strict Content-Security-Policy (nothing loads, styles and the one script only
// with this render's nonce) and the small script that turns a click on "Open SQL" into a message.
// The page's only <style> and its </head> and </body> come from core's template: every text in
// the report is escaped, so no finding can add or move them.
import { randomBytes } from 'crypto';

/** What the webview's script posts when a remediation button is clicked. */
export interface OpenRemediationMessage {
  type: 'openRemediation';
  /** The check id the button belongs to. */
  check: string;
  /** The remediation SQL, exactly as the report holds it. */
  sql: string;
}

export function isOpenRemediationMessage(message: unknown): message is OpenRemediationMessage {
  const m = message as Partial<OpenRemediationMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'openRemediation' && typeof m.check === 'string' && typeof m.sql === 'string';
}

// Runs in the webview. dataset decodes the attribute, so the SQL arrives exactly as written.
const SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', function (event) {
    const button = event.target instanceof Element ? event.target.closest('button.open-remediation') : null;
    if (!button) return;
    vscode.postMessage({ type: 'openRemediation', check: button.dataset.check, sql: button.dataset.remediation });
  });
})();`;

export function newNonce(): string {
  // 18 bytes: base64 without padding, which the CSP nonce grammar accepts as is.
  return randomBytes(18).toString('base64');
}

/** Core's report page with the webview's CSP, the nonce on its style, and the click script. */
export function webviewDocument(reportHtml: string, cspSource: string, nonce: string = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return reportHtml
    // Replacer functions: a `$` in the inserted text must not be read as a replacement pattern.
    .replace('<head>', () => `<head>\n<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace('<style>', () => `<style nonce="${nonce}">`)
    .replace(/<\/body>(?![\s\S]*<\/body>)/, () => `<script nonce="${nonce}">\n${SCRIPT}\n</script>\n</body>`);
}
