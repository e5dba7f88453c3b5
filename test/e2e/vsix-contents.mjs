// What the packaged .vsix carries, read from the zip's central directory, and whether that is
// only what the installed extension runs or shows.
import fs from 'node:fs';
import path from 'node:path';

export const SIZE_LIMIT_BYTES = 20 * 1024 * 1024;

/** Files the extension needs at run time; the rule pages are added from docs/rules/. */
const REQUIRED = [
  'package.json',
  'readme.md',
  'LICENSE.txt',
  'changelog.md',
  'dist/extension.js',
  'dist/libpg-query.wasm',
  'dist/pglite.wasm',
  'dist/pglite.data',
  'dist/initdb.wasm',
  'dist/vector.tar.gz',
  'dist/pgvector-migrator.schema.json',
  'media/icon.png',
  'media/pgvector-migrator.svg',
  'syntaxes/pgvector-migrator.injection.json',
];

/** PGlite's other extension archives, loaded when a migration creates the extension. */
const PGLITE_ARCHIVES = new Set(Object.values(JSON.parse(fs.readFileSync(new URL('../../src/core/db/pglite-archives.json', import.meta.url), 'utf8'))));
REQUIRED.push(...[...PGLITE_ARCHIVES].map((name) => `dist/${name}.tar.gz`));

/** Everything else that may be there. */
const ALLOWED = [
  /^media\/[\w.-]+\.(svg|png)$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^docs\/rules\/[\w.-]+\.md$/,
];

/** What must never be there, and why, checked first so that the failure names the reason. */
const FORBIDDEN = [
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.tsx?$/, 'a TypeScript source'],
  [/(^|\/)(src|test|out|scripts|examples|\.vscode-test)\//, 'sources, tests or build output'],
  [/\.(test|spec)\.[cm]?js$/, 'a test file'],
  [/\.map$/, 'a source map'],
  [/^dist\/cli\.js$/, 'the CLI bundle (it ships through npm)'],
  [/\.tar\.gz$/, 'a PGlite extension archive the extension never loads (only pgvector\'s and those src/core/db/pglite-archives.json names are)'],
];

/** The zip's entries as { name, size (uncompressed), compressed }. */
export function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Problems with the VSIX, one sentence each; empty when it is as it should be. */
export function checkVsix(vsix, root) {
  const problems = [];
  const size = fs.statSync(vsix).size;
  if (size > SIZE_LIMIT_BYTES) problems.push(`the VSIX is ${mb(size)}, over the ${mb(SIZE_LIMIT_BYTES)} limit`);
  const files = [];
  for (const { name } of zipEntries(vsix)) {
    if (name === 'extension.vsixmanifest' || name === '[Content_Types].xml' || name.endsWith('/')) continue;
    if (!name.startsWith('extension/')) {
      problems.push(`unexpected ${name} outside extension/`);
      continue;
    }
    files.push(name.slice('extension/'.length));
  }
  const required = [...REQUIRED, ...fs.readdirSync(path.join(root, 'docs', 'rules')).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`)];
  for (const file of files) {
    if (required.includes(file)) continue;
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (forbidden) problems.push(`${file} is in the VSIX: ${forbidden[1]}`);
    else if (!ALLOWED.some((pattern) => pattern.test(file))) problems.push(`${file} is in the VSIX, but nothing the extension runs or shows needs it`);
  }
  for (const file of required) if (!files.includes(file)) problems.push(`${file} is missing from the VSIX`);
  return problems;
}

/** One line: size, file count and the largest files. */
export function describeVsix(vsix) {
  const entries = zipEntries(vsix);
  const largest = [...entries].sort((a, b) => b.size - a.size).slice(0, 4).map((e) => `${e.name.replace(/^extension\//, '')} ${mb(e.size)}`);
  return `${path.basename(vsix)}: ${mb(fs.statSync(vsix).size)}, ${entries.length} files (${mb(entries.reduce((s, e) => s + e.size, 0))} unpacked; largest: ${largest.join(', ')})`;
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
