// Progress of a load on stderr: on a terminal one line that updates (rows, MB, rows/s, ETA);
// otherwise (CI logs, pipes) a line every 10 seconds. Counted on the client: for COPY FROM STDIN
// the server knows no total.
import type { CliIo } from '../command';
import { progressLine } from '../../core/load';
import type { LoadProgress } from '../../core/load';

const LOG_EVERY_MS = 10_000;
const TTY_EVERY_MS = 200;

export function progressPrinter(io: CliIo): { update: (p: LoadProgress) => void; end: () => void } {
  let lastAt = -Infinity;
  let shown = false;
  return {
    update(p) {
      if (p.indexBuild) {
        const every = io.status ? TTY_EVERY_MS : LOG_EVERY_MS;
        if (p.elapsedMs - lastAt < every) return;
        lastAt = p.elapsedMs;
        const line = `building ${p.indexBuild.index}: ${p.indexBuild.phase}${p.indexBuild.percent !== undefined ? ` (${p.indexBuild.percent}%)` : ''}`;
        if (io.status) { io.status(line); shown = true; } else io.err(line);
        return;
      }
      if (p.phase !== 'loading') {
        if (p.message) {
          if (io.status && shown) io.status('');
          io.err(p.message);
        }
        return;
      }
      const every = io.status ? TTY_EVERY_MS : LOG_EVERY_MS;
      if (p.elapsedMs - lastAt < every) return;
      lastAt = p.elapsedMs;
      const line = progressLine(p);
      if (io.status) { io.status(line); shown = true; } else io.err(line);
    },
    end() {
      if (io.status && shown) io.status('');
    },
  };
}
