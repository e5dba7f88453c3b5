// `lint --format github`: GitHub Actions workflow commands, one per finding, which the Actions
// runner shows as annotations on the pull request's lines.
import type { Finding } from '../../core/lint/types';
import { relativePath } from './json';

const COMMAND: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

export function toGithubAnnotations(findings: readonly Finding[], cwd: string): string {
  return findings.map((f) => {
    const props = [
      `file=${escapeProperty(relativePath(cwd, f.file))}`,
      `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`,
      `title=${escapeProperty(f.rule)}`,
    ].join(',');
    const message = f.help ? `${f.message}\n${f.help}` : f.message;
    return `::${COMMAND[f.severity]} ${props}::${escapeData(message)}`;
  }).join('\n');
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
