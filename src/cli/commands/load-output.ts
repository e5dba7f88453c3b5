// Progress of a load on stderr: on a terminal one line that updates (rows, MB, rows/s, ETA);
// otherwise (CI logs, pipes) a line every 10 seconds. Counted on the client: for COPY FROM STDIN
// the server knows no total.
import type { CliIo } from '../command';
import type { LoadProgress } from '../../core/load';

const LOG_EVERY_MS = 10_000;
const TTY_EVERY_MS = 200;

export function progressPrinter(io: CliIo): { update: (p: LoadProgress) => void; end: () => void } {
  let lastAt = -Infinity;
  let shown = false;
  return {
    update(p) {
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

export function progressLine(p: LoadProgress): string {
  const seconds = p.elapsedMs / 1000;
  const rows = p.rowsSent;
  const rate = seconds > 0 ? rows / seconds : 0;
  const mb = p.bytesRead / 1e6;
  let eta = '';
  if (p.bytesTotal && p.bytesRead > 0 && p.bytesRead < p.bytesTotal) {
    const left = (seconds * (p.bytesTotal - p.bytesRead)) / p.bytesRead;
    eta = `, ETA ${formatDuration(left)}`;
  }
  const total = p.bytesTotal ? ` of ${(p.bytesTotal / 1e6).toFixed(0)}` : '';
  const rejected = p.rowsRejected > 0 ? `, ${p.rowsRejected.toLocaleString('en')} rejected` : '';
  return `loading: ${rows.toLocaleString('en')} rows (${p.rowsLoaded.toLocaleString('en')} committed${rejected}), ${mb.toFixed(0)}${total} MB, ${Math.round(rate).toLocaleString('en')} rows/s${eta}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
