// A TCP proxy on 127.0.0.1 between the client and the real server, that breaks the connection
// at a chosen moment: cut it (both ends closed) or go silent (nothing forwarded any more, no
// reset), before or after the server has answered what triggered it.
import * as net from 'node:net';

export interface Fault {
  /** The client-to-server chunk that triggers the fault. */
  when: (chunk: Buffer) => boolean;
  /**
   * cut-before: the chunk never reaches the server, both ends are closed.
   * cut-after-answer: the chunk reaches the server; its answer does not reach the client, both ends are closed.
   * silent-after-send: the chunk reaches the server; from then on nothing is forwarded either way.
   */
  action: 'cut-before' | 'cut-after-answer' | 'silent-after-send';
  /** New connections after the fault: forwarded (default), refused, or accepted and never answered. */
  then?: 'pass' | 'refuse' | 'silence';
}

export class FaultyProxy {
  private fault?: Fault;
  private afterFault: 'pass' | 'refuse' | 'silence' = 'pass';
  private readonly sockets = new Set<net.Socket>();
  /** Set once the armed fault has struck. */
  struck = false;

  private constructor(private readonly server: net.Server, readonly port: number, private readonly target: { host: string; port: number }) {}

  static async start(targetUrl: string): Promise<FaultyProxy> {
    const u = new URL(targetUrl);
    const target = { host: u.hostname, port: Number(u.port || 5432) };
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FaultyProxy(server, (server.address() as net.AddressInfo).port, target);
    server.on('connection', (client) => proxy.accept(client));
    return proxy;
  }

  /** The same URL, through the proxy. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  arm(fault: Fault): void {
    this.fault = fault;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): net.Socket {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  }

  private accept(client: net.Socket): void {
    this.track(client);
    if (this.struck && this.afterFault === 'refuse') return void client.destroy();
    if (this.struck && this.afterFault === 'silence') return; // accepted, never answered
    const upstream = this.track(net.connect(this.target.port, this.target.host));
    let silent = false;
    let cutOnAnswer = false;
    const cut = () => { client.destroy(); upstream.destroy(); };
    client.on('data', (chunk) => {
      if (silent) return;
      const fault = this.fault;
      if (fault && fault.when(chunk)) {
        this.fault = undefined;
        this.struck = true;
        this.afterFault = fault.then ?? 'pass';
        if (fault.action === 'cut-before') return cut();
        if (fault.action === 'cut-after-answer') cutOnAnswer = true;
        upstream.write(chunk);
        if (fault.action === 'silent-after-send') silent = true;
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (silent) return;
      if (cutOnAnswer) return cut();
      client.write(chunk);
    });
    client.on('close', () => { if (!silent) upstream.destroy(); });
    upstream.on('close', () => { if (!silent) client.destroy(); });
  }
}

/** A client chunk holding this text (an SQL keyword, a parameter value). */
export const holds = (text: string) => (chunk: Buffer) => chunk.includes(Buffer.from(text));

/** A Bind message parameter with exactly this value (length-prefixed on the wire). */
export const bindsValue = (value: string) => {
  const encoded = Buffer.alloc(4 + Buffer.byteLength(value));
  encoded.writeInt32BE(Buffer.byteLength(value));
  encoded.write(value, 4);
  return (chunk: Buffer) => chunk.includes(encoded);
};
