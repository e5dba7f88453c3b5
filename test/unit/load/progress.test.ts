import * as assert from 'node:assert/strict';
import { progressPrinter } from '../../../src/cli/commands/load-output';
import { progressLine } from '../../../src/core/load/progress-line';
import type { CliIo } from '../../../src/cli/command';
import type { LoadProgress } from '../../../src/core/load/types';

function at(elapsedMs: number, rest: Partial<LoadProgress> = {}): LoadProgress {
  return { phase: 'loading', rowsLoaded: 1000, rowsSent: 1500, rowsRejected: 0, bytesRead: 50e6, bytesTotal: 200e6, elapsedMs, ...rest };
}

function io(tty: boolean): { io: CliIo; lines: string[]; status: string[] } {
  const lines: string[] = [];
  const status: string[] = [];
  return {
    lines,
    status,
    io: { out: () => undefined, err: (l) => lines.push(l), cwd: '.', env: {}, signal: new AbortController().signal, ...(tty ? { status: (l: string) => status.push(l) } : {}) },
  };
}

describe('load progress', () => {
  it('says rows, committed rows, MB, rows/s and an ETA from the bytes read', () => {
    assert.equal(progressLine(at(10000)), 'loading: 1,500 rows (1,000 committed), 50 of 200 MB, 150 rows/s, ETA 30 s');
    assert.equal(progressLine(at(10000, { bytesTotal: undefined, rowsRejected: 3 })), 'loading: 1,500 rows (1,000 committed, 3 rejected), 50 MB, 150 rows/s');
  });

  it('writes a line every 10 seconds when stderr is not a terminal', () => {
    const out = io(false);
    const printer = progressPrinter(out.io);
    for (const ms of [0, 4000, 9999, 10000, 15000, 20001]) printer.update(at(ms));
    printer.end();
    assert.equal(out.lines.length, 3);
  });

  it('rewrites one status line on a terminal and clears it at the end', () => {
    const out = io(true);
    const printer = progressPrinter(out.io);
    for (const ms of [0, 100, 250, 500]) printer.update(at(ms));
    printer.end();
    assert.deepEqual(out.lines, []);
    assert.equal(out.status.length, 4, 'three updates and the clearing');
    assert.equal(out.status[out.status.length - 1], '');
  });
});
