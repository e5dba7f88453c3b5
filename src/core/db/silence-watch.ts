// A client-side deadline on every statement that never abandons a statement the server is still
// running. When a statement has had no answer for `timeoutMs`, a second short-lived connection
// asks the server about our session: still active means a long statement (an index build), so
// keep waiting; idle means the answer was lost on the way; gone or unreachable means the
// connection is lost. A silent network (packets dropped, no reset) never hangs a run forever.
import { Client, ClientConfig } from 'pg';

type Verdict = 'working' | 'answer-lost' | 'session-gone' | 'unreachable';

export class SilenceWatch {
  private stopped = false;

  constructor(
    private readonly client: Client,
    private readonly config: ClientConfig,
    private readonly timeoutMs: number,
    private readonly onLost: (err: Error) => void,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  guard<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => { timer = setTimeout(() => { void check(); }, this.timeoutMs); };
      const check = async () => {
        const verdict = await this.probe();
        if (settled) return;
        if (verdict === 'working' || this.stopped) return arm();
        settled = true;
        const err = Object.assign(new Error(lostMessage(verdict, this.timeoutMs)), { code: '08006' });
        this.onLost(err);
        destroyStream(this.client);
        reject(err);
      };
      work.then(
        (value) => { if (settled) return; settled = true; clearTimeout(timer); resolve(value); },
        (err) => { if (settled) return; settled = true; clearTimeout(timer); reject(err); },
      );
      arm();
    });
  }

  private async probe(): Promise<Verdict> {
    const pid = (this.client as unknown as { processID?: number }).processID;
    const probe = new Client({ ...this.config, application_name: 'pgvector-migrator watch', connectionTimeoutMillis: this.timeoutMs, query_timeout: this.timeoutMs });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      const r = await probe.query<{ state: string | null }>('SELECT state FROM pg_catalog.pg_stat_activity WHERE pid = $1', [pid]);
      const state = r.rows[0]?.state;
      if (state === undefined) return 'session-gone';
      if (state === 'active') return 'working';
      // Finished, its answer lost: end the session so it lets go of the run lock and of any
      // transaction it holds open, and what the history says afterwards is final.
      await probe.query('SELECT pg_terminate_backend($1)', [pid]);
      return 'answer-lost';
    } catch {
      return 'unreachable';
    } finally {
      destroyStream(probe);
    }
  }
}

function lostMessage(verdict: Exclude<Verdict, 'working'>, timeoutMs: number): string {
  const silence = `no answer for ${timeoutMs / 1000}s`;
  switch (verdict) {
    case 'answer-lost':
      return `lost the connection to the server: ${silence}; the server had finished the statement, its answer never arrived`;
    case 'session-gone':
      return `lost the connection to the server: ${silence}, and the server no longer has this session`;
    case 'unreachable':
      return `lost the connection to the server: ${silence}, and a second connection could not reach it either`;
  }
}

function destroyStream(client: Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
