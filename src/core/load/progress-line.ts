// One line of load progress, for the CLI's status line and the editor's notification.
import type { LoadProgress } from './types';

/** "loading: 120,000 rows (110,000 committed), 840 of 7000 MB, 9,800 rows/s, ETA 11 min 3 s" */
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
  return `loading: ${rows.toLocaleString('en')} row${rows === 1 ? '' : 's'} (${p.rowsLoaded.toLocaleString('en')} committed${rejected}), ${mb.toFixed(0)}${total} MB, ${Math.round(rate).toLocaleString('en')} rows/s${eta}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
