// PostgreSQL's table-level lock modes, weakest first, as its documentation names them
// ("Explicit Locking", table 13.2), and what each one keeps other sessions from doing.

export const LOCK_MODES = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;

export type LockMode = (typeof LOCK_MODES)[number];

/** What a mode stops other sessions from doing to the table while it is held (or queued for). */
export type Blocks = 'reads and writes' | 'writes' | 'neither';

export function blocks(mode: LockMode): Blocks {
  if (mode === 'ACCESS EXCLUSIVE') return 'reads and writes';
  if (mode === 'SHARE' || mode === 'SHARE ROW EXCLUSIVE' || mode === 'EXCLUSIVE') return 'writes';
  return 'neither';
}

export function strongerMode(a: LockMode, b: LockMode): LockMode {
  return LOCK_MODES.indexOf(a) >= LOCK_MODES.indexOf(b) ? a : b;
}

/** pg_locks.mode ('AccessExclusiveLock') to the documented name ('ACCESS EXCLUSIVE'). */
export function modeFromPgLocks(name: string): LockMode | undefined {
  const words = name.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
  return (LOCK_MODES as readonly string[]).includes(words) ? (words as LockMode) : undefined;
}

/** LOCK TABLE's `IN ... MODE` as libpg-query numbers it (lockmode 1..8, AccessShareLock = 1). */
export function modeFromLockStmt(lockmode: number | undefined): LockMode {
  return LOCK_MODES[(lockmode ?? 8) - 1] ?? 'ACCESS EXCLUSIVE';
}
