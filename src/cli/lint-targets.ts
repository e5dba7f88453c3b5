// What `lint` was asked to check: directories (their whole set), migration files (linted with the
// rest of their directory's set, only their findings shown), any other SQL file (linted on its
// own, whatever its name), globs, and `-` (standard input, named by --stdin-filename).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brokenLink } from '../core/migrations/read-entry';
import { UsageError } from './project';

export type LintTarget =
  /** A migrations directory; `files` narrows the findings shown to those files. */
  | { kind: 'dir'; dir: string; files?: Set<string> }
  /** One file linted alone, with its text (read from disk, or standard input). */
  | { kind: 'file'; file: string; text: string };

const GLOB_CHARS = /[*?[{]/;

/** Expands globs, reads standard input for `-`, and groups the files by directory. */
export function resolveLintPaths(paths: string[], cwd: string, stdin: () => string, stdinFilename?: string): { dirs: string[]; files: string[]; stdin?: { file: string; text: string } } {
  const dirs: string[] = [];
  const files: string[] = [];
  let input: { file: string; text: string } | undefined;
  for (const p of paths) {
    if (p === '-') {
      input = { file: path.resolve(cwd, stdinFilename ?? 'stdin.sql'), text: stdin() };
      continue;
    }
    if (GLOB_CHARS.test(p) && !fs.existsSync(path.resolve(cwd, p))) {
      const matches = expandGlob(p, cwd);
      if (matches.length === 0) throw new UsageError(`no files match the pattern ${p}`, { fix: 'check the pattern (quote it so the shell leaves it to the linter), or name the files to lint' });
      files.push(...matches);
      continue;
    }
    const abs = path.resolve(cwd, p);
    if (!fs.existsSync(abs)) throw new UsageError(`${p} ${brokenLink(abs) ?? 'does not exist'}`, { fix: 'pass SQL files, directories or globs' });
    if (fs.statSync(abs).isDirectory()) dirs.push(abs);
    else files.push(abs);
  }
  return { dirs, files: [...new Set(files)], stdin: input };
}

/** `*` and `?` within a path segment, `**` across segments, `{a,b}` alternatives. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const normalized = pattern.replace(/\\/g, '/');
  const segments = normalized.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  const base = path.resolve(cwd, segments.slice(0, firstGlob).join('/') || '.');
  const matcher = globRegExp(segments.slice(firstGlob).join('/'));
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs, relPath);
      else if (matcher.test(relPath)) out.push(abs);
    }
  };
  walk(base, '');
  return out.sort();
}

function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, close).split(',').map(escapeRegExp).join('|')})`;
        i = close;
      }
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
