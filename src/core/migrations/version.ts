// Versions: numbers ("0003"), timestamps ("20260105120000") or dotted (Flyway's "1.2", "1_2").
// One notion of identity for every module (discovery, history, status, lint, the runner):
// versions equal as numbers are the same version, however they are padded or dotted.

export function versionParts(version: string): number[] {
  return version.split(/[._]/).filter((p) => p !== '').map((p) => Number(p));
}

export function compareVersionParts(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: string, b: string): number {
  return compareVersionParts(versionParts(a), versionParts(b));
}

/**
 * "0", "0000" and "0.0" are one version, and so are "3", "0003" and "3.0": the key that says so.
 * Trailing zero parts go, as compareVersions ignores them.
 */
export function versionKey(version: string): string {
  const parts = versionParts(version);
  while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
  return parts.join('.');
}

export function sameVersion(a: string, b: string): boolean {
  return versionKey(a) === versionKey(b);
}
