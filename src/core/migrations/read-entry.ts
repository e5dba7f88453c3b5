// Reading one entry of a migrations directory without being fooled by what it is: a symbolic
// link to a file is followed (monorepos link shared migrations in), while a link that loops or
// points nowhere, a FIFO (which would block the reader forever), a socket or a device is named
// with why it cannot be read — never skipped in silence.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type EntryRead =
  | { kind: 'file'; buffer: Buffer }
  | { kind: 'skip' }
  | { kind: 'unreadable'; why: string };

/** The content of a directory entry that is (or links to) a regular file. */
export function readEntry(dir: string, entry: fs.Dirent): EntryRead {
  const filePath = path.join(dir, entry.name);
  let stat: Kind = entry;
  if (entry.isSymbolicLink()) {
    const why = brokenLink(filePath);
    if (why) return { kind: 'unreadable', why };
    stat = fs.statSync(filePath);
  }
  if (stat.isDirectory()) return { kind: 'skip' };
  const special = specialKind(stat);
  if (special) return { kind: 'unreadable', why: `${special}, not a regular file` };
  try {
    return { kind: 'file', buffer: fs.readFileSync(filePath) };
  } catch (err) {
    return { kind: 'unreadable', why: (err as Error).message };
  }
}

/** Why a path (a directory or file the user named) cannot be opened, when it is a broken link. */
export function brokenLink(p: string): string | undefined {
  try {
    fs.statSync(p);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    let target = '';
    try {
      target = fs.readlinkSync(p);
    } catch {
      return undefined; // not a link: the caller's "does not exist" holds
    }
    if (code === 'ELOOP') return `is a symbolic link that loops (${target} leads back to itself)`;
    if (code === 'ENOENT') return `is a symbolic link to ${target}, which does not exist`;
    return `is a symbolic link to ${target}, which cannot be opened (${code ?? (err as Error).message})`;
  }
}

type Kind = Pick<fs.Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

function specialKind(stat: Kind): string | undefined {
  if (stat.isFIFO()) return 'is a FIFO (named pipe)';
  if (stat.isSocket()) return 'is a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device';
  return undefined;
}
