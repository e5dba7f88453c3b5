// `npm run bench`: every benchmark script (scripts/bench-*.mjs), one after another. Each compares
// against its baseline in the same run and prints ratios; none of them is a test.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = fs.readdirSync(here).filter((f) => /^bench-.+\.mjs$/.test(f)).sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
spawnSync(process.execPath, [path.join(here, 'build.mjs')], { stdio: 'inherit' });
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const r = spawnSync(process.execPath, [path.join(here, script)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
