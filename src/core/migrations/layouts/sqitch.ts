// sqitch: `sqitch.plan` lists the changes in deploy order; each change has `deploy/<change>.sql`
// (the UP), `revert/<change>.sql` (the DOWN) and `verify/<change>.sql` (checks it, run by
// `verify`). A change is named, not numbered: its name is its version, the plan its order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Layout, LayoutOrder } from './layout';

const SCRIPT = /^(deploy|revert|verify)\/([^/@]+)\.sql$/;
export const SQITCH_PLAN = 'sqitch.plan';

export interface SqitchPlanChange {
  name: string;
  requires: string[];
  /** The note after `#`, which sqitch records with the change. */
  note: string;
  line: number;
}

/** Change lines of a plan; pragmas (`%`), tags (`@`), comments and blank lines are skipped. */
export function parseSqitchPlan(text: string): SqitchPlanChange[] {
  const changes: SqitchPlanChange[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('%') || line.startsWith('@')) return;
    const m = /^([^\s[]+)\s*(?:\[([^\]]*)\])?/.exec(line);
    if (!m) return;
    const hash = line.indexOf(' # ');
    changes.push({
      name: m[1],
      requires: (m[2] ?? '').split(/\s+/).filter((r) => r !== ''),
      note: hash === -1 ? '' : line.slice(hash + 3).trim(),
      line: i + 1,
    });
  });
  return changes;
}

export function readSqitchPlan(dir: string): SqitchPlanChange[] | undefined {
  const file = path.join(dir, SQITCH_PLAN);
  return fs.existsSync(file) ? parseSqitchPlan(fs.readFileSync(file, 'utf8')) : undefined;
}

export const sqitchLayout: Layout = {
  id: 'sqitch',
  expectedName: 'deploy/<change>.sql (with revert/<change>.sql and verify/<change>.sql) for a change listed in sqitch.plan',
  // A change is named, not numbered: there is no version width to keep.
  nameConvention: { uniformVersionWidth: false },
  matchFile(fileName) {
    const m = SCRIPT.exec(fileName);
    if (!m) return undefined;
    const role = m[1] === 'deploy' ? 'up' : m[1] === 'revert' ? 'down' : 'verify';
    return { version: m[2], name: m[2], role };
  },
  detect(_files, dir) {
    return fs.existsSync(path.join(dir, SQITCH_PLAN));
  },
  readSections(text) {
    return { up: { start: 0, end: text.length } };
  },
  readOrder(dir): LayoutOrder | undefined {
    const changes = readSqitchPlan(dir);
    if (!changes) return undefined;
    // A reworked change appears twice; its scripts carry the tag (deploy/x@v1.sql): the first
    // appearance stands for it here.
    return { versions: [...new Set(changes.map((c) => c.name))], source: path.join(dir, SQITCH_PLAN) };
  },
};
