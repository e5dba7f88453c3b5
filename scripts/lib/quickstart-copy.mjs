// A fresh copy of examples/quickstart for a test to open, without the repository's local
// database state (.pgvector-migrator/), as a user's own project would look.
import fs from 'node:fs';
import path from 'node:path';

export function quickstartCopy(root, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'examples', 'quickstart'), dir, {
    recursive: true,
    filter: (src) => !src.split(path.sep).includes('.pgvector-migrator'),
  });
  return dir;
}
