// Versions: numbers ("0003"), timestamps ("20260105120000") or dotted (Flyway's "1.2", "1_2").

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

/** "0003" and "3" are the same version; this is the key that says so. */
export function versionKey(version: string): string {
  return versionParts(version).join('.');
}
