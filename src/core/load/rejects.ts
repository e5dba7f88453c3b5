// The rejects file: one line per rejected row, `line N: reason`, N the 1-based input line. A
// resumed load keeps the lines of the rows its committed batches rejected and re-checks the rest.
import * as fs from 'node:fs';
import type { Rejection } from './types';

export class RejectsFile {
  private buffered: string[] = [];
  private kept = 0;
  private added = 0;

  /** Lines of an earlier run up to `keepThroughLine` stay (a resume); anything else is stale. */
  constructor(readonly path: string, keepThroughLine: number) {
    if (!fs.existsSync(path)) return;
    if (keepThroughLine <= 0) {
      fs.rmSync(path, { force: true });
      return;
    }
    const keep = fs.readFileSync(path, 'utf8').split('\n').filter((l) => {
      const m = /^line (\d+):/.exec(l);
      return m !== null && Number(m[1]) <= keepThroughLine;
    });
    this.kept = keep.length;
    if (keep.length === 0) fs.rmSync(path, { force: true });
    else fs.writeFileSync(path, keep.join('\n') + '\n');
  }

  get written(): boolean {
    return this.kept + this.added > 0;
  }

  add(rejection: Rejection): void {
    this.added++;
    this.buffered.push(`line ${rejection.line}: ${rejection.reason}\n`);
    if (this.buffered.length >= 1000) this.flush();
  }

  flush(): void {
    if (this.buffered.length === 0) return;
    fs.appendFileSync(this.path, this.buffered.join(''));
    this.buffered = [];
  }

  async close(): Promise<void> {
    this.flush();
  }
}
