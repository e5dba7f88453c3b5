// `lint` for people: rustc/squawk style, one block per finding with the source line underlined,
// the help and the docs page, then a one-line summary.
import * as fs from 'node:fs';
import { LineIndex } from '../../core/sql/positions';
import type { Finding, RuleMeta } from '../../core/lint/types';
import { relativePath } from './json';

export function formatText(findings: readonly Finding[], rules: ReadonlyMap<string, RuleMeta>, cwd: string, fileCount: number): string {
  const texts = new Map<string, LineIndex | undefined>();
  const lineIndex = (file: string): LineIndex | undefined => {
    if (!texts.has(file)) {
      let index: LineIndex | undefined;
      try {
        index = new LineIndex(fs.readFileSync(file, 'utf8'));
      } catch {
        index = undefined;
      }
      texts.set(file, index);
    }
    return texts.get(file);
  };
  const blocks = findings.map((f) => formatFinding(f, rules.get(f.rule), relativePath(cwd, f.file), lineIndex(f.file)));
  return [...blocks, summary(findings, fileCount)].join('\n\n');
}

function formatFinding(f: Finding, meta: RuleMeta | undefined, file: string, index: LineIndex | undefined): string {
  const lines = [`${file}:${f.line}:${f.column}: ${f.severity}[${f.rule}]: ${f.message}`];
  const source = index ? sourceLine(index, f.line) : undefined;
  if (source !== undefined && source.trim() !== '') {
    const gutter = String(f.line).length;
    const width = f.endLine === f.line ? Math.max(1, f.endColumn - f.column) : Math.max(1, source.length - f.column + 1);
    lines.push(`${' '.repeat(gutter)} |`);
    lines.push(`${f.line} | ${source.replace(/\t/g, ' ')}`);
    lines.push(`${' '.repeat(gutter)} | ${' '.repeat(f.column - 1)}${'^'.repeat(width)}`);
  }
  const pad = ' '.repeat(Math.max(1, String(f.line).length));
  if (f.help) lines.push(`${pad} = help: ${f.help}`);
  if (meta) lines.push(`${pad} = docs: ${meta.docs}`);
  return lines.join('\n');
}

function sourceLine(index: LineIndex, line: number): string | undefined {
  if (line > index.lineCount) return undefined;
  const start = index.offsetAt({ line, column: 1 });
  const next = line < index.lineCount ? index.offsetAt({ line: line + 1, column: 1 }) : index.text.length;
  return index.text.slice(start, next).replace(/\r?\n$/, '');
}

function summary(findings: readonly Finding[], fileCount: number): string {
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  if (findings.length === 0) return `No problems found in ${files}.`;
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${count('info')} info`];
  return `Found ${parts.join(', ')} in ${files}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
