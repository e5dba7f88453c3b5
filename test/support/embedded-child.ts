// A separate process that uses a project's embedded database the way the CLI or the editor does,
// driven by the db tests through its stdin and stdout (one line a message):
//
//   node embedded-child.js lock PROJECT LOG    waits for "go", takes the lock (waiting as long as it
//                                              takes), appends "+PID" to LOG, holds it a moment,
//                                              appends "-PID", lets go
//   node embedded-child.js act PROJECT         opens the database, commits table `kept`, then runs a
//                                              long action (rows into `lost`, in a transaction that
//                                              never ends) and prints "acting"; on "finish" it
//                                              rolls back, closes and prints "closed"
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { acquireEmbeddedLock, embeddedWaitMs } from '../../src/core/db/embedded-lock';
import { embeddedLockFile, openEmbedded } from '../../src/core/db/embedded';

const [mode, projectDir, logFile] = process.argv.slice(2);
const lines = readline.createInterface({ input: process.stdin });
const say = (line: string) => process.stdout.write(`${line}\n`);
const nextLine = (expected: string) => new Promise<void>((resolve) => {
  const onLine = (line: string) => { if (line.trim() === expected) { lines.off('line', onLine); resolve(); } };
  lines.on('line', onLine);
});

async function lockOnce(): Promise<void> {
  say('ready');
  await nextLine('go');
  const lock = await acquireEmbeddedLock(embeddedLockFile(projectDir), `test child ${process.pid}`, { waitMs: embeddedWaitMs('120s'), pollMs: 20 });
  fs.appendFileSync(logFile, `+${process.pid}\n`);
  // Hold it across a few turns of the event loop, as an action would.
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 2));
  fs.appendFileSync(logFile, `-${process.pid}\n`);
  lock.release();
}

async function longAction(): Promise<void> {
  const db = await openEmbedded(projectDir, `test child ${process.pid} (long action)`);
  await db.execute('CREATE TABLE IF NOT EXISTS kept (id int)');
  await db.execute('INSERT INTO kept VALUES (1)');
  await db.execute('CREATE TABLE IF NOT EXISTS lost (id int)');
  await db.execute('BEGIN');
  let finishing = false;
  void nextLine('finish').then(() => { finishing = true; });
  let told = false;
  for (let i = 0; !finishing; i++) {
    await db.execute(`INSERT INTO lost SELECT g FROM generate_series(1, 200) g`);
    if (!told) {
      told = true;
      say('acting');
    }
    // Let stdin be read between statements, as the runner checks its signal between statements.
    await new Promise((r) => setTimeout(r, 10));
  }
  await db.execute('ROLLBACK');
  await db.close();
  say('closed');
}

(mode === 'lock' ? lockOnce() : longAction()).then(() => process.exit(0), (err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
