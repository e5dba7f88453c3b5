// The embedded database's lock file, with real processes: many at once, stale and foreign lock
// files, a holder killed mid-action, and a wait that is cancelled.
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { acquireEmbeddedLock, LockHolder } from '../../src/core/db/embedded-lock';
import { embeddedChangeMarker, embeddedDataDir, embeddedLockFile, openEmbedded, readChangeMarker } from '../../src/core/db/embedded';
import { formatUserError, MigratorError } from '../../src/core/errors';
import { tempProject, TempProject } from '../support/projects';

const CHILD = path.join(__dirname, '..', 'support', 'embedded-child.js');

/** A child process of embedded-child.js, with its stdout read line by line. */
interface Child {
  proc: ChildProcess;
  line(expected: string): Promise<void>;
  send(line: string): void;
  exited: Promise<number | null>;
}

function child(args: string[]): Child {
  const proc = spawn(process.execPath, [CHILD, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const seen: string[] = [];
  const waiters: { expected: string; resolve: () => void }[] = [];
  let stderr = '';
  proc.stderr!.on('data', (d) => { stderr += d; });
  readline.createInterface({ input: proc.stdout! }).on('line', (l) => {
    seen.push(l);
    for (const w of waiters.filter((x) => x.expected === l)) w.resolve();
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    exited,
    send: (l) => proc.stdin!.write(`${l}\n`),
    line: (expected) => seen.includes(expected) ? Promise.resolve() : new Promise<void>((resolve, reject) => {
      waiters.push({ expected, resolve });
      void exited.then((code) => reject(new Error(`child exited (${code}) before "${expected}": ${stderr}`)));
    }),
  };
}

function ownStartTicks(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** A process id that no process has now (a child that has exited). */
function goneProcessId(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('the embedded database lock', function () {
  this.timeout(120000);
  let project: TempProject;
  beforeEach(() => {
    project = tempProject();
    fs.mkdirSync(path.dirname(embeddedLockFile(project.dir)), { recursive: true });
  });
  afterEach(() => project.cleanup());

  it('lets exactly one of 50 processes started at the same moment in at a time, and every one in eventually', async function () {
    const log = path.join(project.dir, 'holders.log');
    fs.writeFileSync(log, '');
    const children = Array.from({ length: 50 }, () => child(['lock', project.dir, log]));
    await Promise.all(children.map((c) => c.line('ready')));
    for (const c of children) c.send('go');
    const codes = await Promise.all(children.map((c) => c.exited));
    assert.deepEqual(codes.filter((c) => c !== 0), [], 'every process exits 0');
    const events = fs.readFileSync(log, 'utf8').trim().split('\n');
    let holder: string | undefined;
    const overlaps: string[] = [];
    for (const e of events) {
      if (e.startsWith('+')) {
        if (holder) overlaps.push(`${e.slice(1)} got in while ${holder} held it`);
        holder = e.slice(1);
      } else {
        holder = undefined;
      }
    }
    assert.deepEqual(overlaps, [], 'never two holders');
    assert.equal(events.filter((e) => e.startsWith('+')).length, 50, 'each of the 50 held it once');
    assert.equal(fs.existsSync(embeddedLockFile(project.dir)), false, 'the last one left no lock behind');
  });

  const host = os.hostname();
  const staleCases: { name: string; lock: () => string; reason: RegExp; ageMs?: number }[] = [
    { name: 'its process is gone', lock: () => JSON.stringify({ pid: goneProcessId(), host, command: 'pgvector-migrator CLI (up)', since: '2026-01-01T00:00:00Z' }), reason: /process \d+ that wrote it is gone/ },
    { name: 'its process id now belongs to an unrelated process started later', lock: () => JSON.stringify({ pid: process.ppid, host, command: 'pgvector-migrator CLI (up)', since: '2026-01-01T00:00:00Z', startTicks: '1' }), reason: /process id \d+ now belongs to another program/ },
    { name: 'it was written on another host (a rebuilt container)', lock: () => JSON.stringify({ pid: process.pid, host: 'container-before-rebuild', command: 'pgvector-migrator CLI (up)', since: '2026-01-01T00:00:00Z' }), reason: /written on host container-before-rebuild, not this one/ },
    { name: 'it was written before the machine restarted', lock: () => JSON.stringify({ pid: process.pid, host, command: 'pgvector-migrator CLI (up)', since: '2026-01-01T00:00:00Z', bootId: 'an-earlier-boot' }), reason: /before this machine restarted/ },
    { name: 'it is empty and older than the grace period', lock: () => '', ageMs: 60000, reason: /the lock file was empty for \d+ s/ },
    { name: 'it is half-written and older than the grace period', lock: () => '{"pid": 12', ageMs: 60000, reason: /the lock file was unreadable for \d+ s/ },
  ];
  for (const c of staleCases) {
    it(`takes over a lock file when ${c.name}, and says why`, async () => {
      const file = embeddedLockFile(project.dir);
      fs.writeFileSync(file, c.lock());
      if (c.ageMs) {
        const past = new Date(Date.now() - c.ageMs);
        fs.utimesSync(file, past, past);
      }
      const reasons: string[] = [];
      const lock = await acquireEmbeddedLock(file, 'test', { onTakeOver: (_h, reason) => reasons.push(reason) });
      try {
        assert.equal(reasons.length, 1);
        assert.match(reasons[0], c.reason);
        const now = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
        assert.equal(now.pid, process.pid);
        assert.equal(now.command, 'test');
      } finally {
        lock.release();
      }
      assert.equal(fs.existsSync(file), false);
    });
  }

  const heldCases: { name: string; lock: () => string; message: RegExp; clearAdvice: boolean }[] = [
    { name: 'a live process of ours (same host, same start time)', lock: () => JSON.stringify({ pid: process.ppid, host, command: 'pgvector Migrator in VS Code', since: '2026-01-01T00:00:00Z', startTicks: ownStartTicks(process.ppid) }), message: /in use by process \d+ \(pgvector Migrator in VS Code, since 2026-01-01T00:00:00Z\)/, clearAdvice: false },
    { name: 'a live process whose start time the lock does not record (an older version wrote it)', lock: () => JSON.stringify({ pid: process.ppid, host, command: 'pgvector-migrator CLI (up)', since: '2026-01-01T00:00:00Z' }), message: /in use by process \d+ \(pgvector-migrator CLI \(up\), since/, clearAdvice: true },
    { name: 'a process still writing it (empty, just created)', lock: () => '', message: /in use by a process that is writing the lock file \(empty, \d+ s old\)/, clearAdvice: true },
  ];
  for (const c of heldCases) {
    it(`keeps out while the lock file names ${c.name}`, async () => {
      const file = embeddedLockFile(project.dir);
      const content = c.lock();
      fs.writeFileSync(file, content);
      const err = await acquireEmbeddedLock(file, 'test').then(() => assert.fail('expected the lock to be held'), (e: unknown) => e);
      assert.ok(err instanceof MigratorError);
      const text = formatUserError(err);
      assert.match(text, c.message);
      assert.equal(text.includes(`delete ${file}`), c.clearAdvice, text);
      assert.equal(fs.readFileSync(file, 'utf8'), content, 'the lock file is left as it was');
    });
  }
});

describe('the embedded database shared by processes', function () {
  this.timeout(180000);
  let project: TempProject;
  let holder: Child | undefined;
  beforeEach(() => { project = tempProject(); });
  afterEach(async () => {
    if (holder && holder.proc.exitCode === null) {
      holder.proc.kill('SIGKILL');
      await holder.exited;
    }
    holder = undefined;
    project.cleanup();
  });

  it('opens intact after the process holding it is killed mid-action, keeping what it committed and nothing else', async () => {
    holder = child(['act', project.dir]);
    await holder.line('acting');
    holder.proc.kill('SIGKILL');
    await holder.exited;
    assert.equal(fs.existsSync(embeddedLockFile(project.dir)), true, 'the killed process left its lock file');
    const db = await openEmbedded(project.dir, 'test');
    try {
      const kept = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kept');
      assert.equal(kept.rows[0].n, 1);
      const lost = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM lost');
      assert.equal(lost.rows[0].n, 0);
    } finally {
      await db.close();
    }
  });

  it('waits for a long action in another process, saying who it waits for, and stops when cancelled', async () => {
    holder = child(['act', project.dir]);
    await holder.line('acting');
    const abort = new AbortController();
    const told: string[] = [];
    const waiting = openEmbedded(project.dir, 'test', {
      waitMs: 120000,
      signal: abort.signal,
      onWait: (held) => { told.push(held.description); abort.abort(); },
    });
    const err = await waiting.then(() => assert.fail('expected the wait to be cancelled'), (e: unknown) => e);
    assert.deepEqual(told.map((t) => t.replace(/since [^)]*/, 'since …')), [`process ${holder.proc.pid} (test child ${holder.proc.pid} (long action), since …)`]);
    assert.match(formatUserError(err), new RegExp(`stopped waiting for the embedded database, in use by process ${holder.proc.pid} .*: cancelled`));
    holder.send('finish');
    await holder.line('closed');
  });

  it('waits for a long action in another process and gets in once it ends', async () => {
    holder = child(['act', project.dir]);
    await holder.line('acting');
    const current = holder;
    const db = await openEmbedded(project.dir, 'test', { waitMs: 120000, onWait: () => current.send('finish') });
    try {
      const kept = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kept');
      assert.equal(kept.rows[0].n, 1);
    } finally {
      await db.close();
    }
    assert.equal(await holder.exited, 0);
  });

  it('gives up after the bound, naming the holder', async () => {
    holder = child(['act', project.dir]);
    await holder.line('acting');
    const err = await openEmbedded(project.dir, 'test', { waitMs: 300 }).then(() => assert.fail('expected to give up'), (e: unknown) => e);
    assert.match(formatUserError(err), new RegExp(`in use by process ${holder.proc.pid} \\(test child .*\\) \\(waited 0.3 s\\)`));
    holder.send('finish');
    await holder.line('closed');
  });

  it('touches the change marker after an action that wrote to the database, and not after one that only read', async () => {
    const marker = embeddedChangeMarker(project.dir);
    const writer = await openEmbedded(project.dir, 'pgvector-migrator CLI (up)');
    await writer.execute('CREATE TABLE marked (id int)');
    await writer.close();
    const written = readChangeMarker(project.dir);
    assert.deepEqual({ pid: written?.pid, command: written?.command }, { pid: process.pid, command: 'pgvector-migrator CLI (up)' });
    fs.rmSync(marker);
    const reader = await openEmbedded(project.dir, 'pgvector-migrator CLI (status)');
    await reader.query('SELECT count(*) FROM marked');
    await reader.close();
    assert.equal(fs.existsSync(marker), false, 'a read leaves no marker');
  });

  it('says which folder is damaged and what to do when PGlite cannot open it', async () => {
    const db = await openEmbedded(project.dir, 'test');
    await db.close();
    const dataDir = embeddedDataDir(project.dir);
    fs.writeFileSync(path.join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 7));
    const err = await openEmbedded(project.dir, 'test').then(() => assert.fail('expected the open to fail'), (e: unknown) => e);
    const text = formatUserError(err);
    assert.match(text, new RegExp(`the embedded database in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be opened`));
    assert.match(text, /fix: move the folder aside \(rename db to db\.damaged\) and run `pgvector-migrator up`/);
    assert.doesNotMatch(text, /\n\s+at /, 'no stack trace');
    assert.equal(fs.existsSync(embeddedLockFile(project.dir)), false, 'the failed open released the lock');
  });
});
