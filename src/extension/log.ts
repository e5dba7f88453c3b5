// The "pgvector Migrator" log output channel. Everything written passes through redactSecrets,
// so no password reaches it; a copy of the lines is kept for the test API.
import * as vscode from 'vscode';
import { redactSecrets } from '../core/db/redact';

type Level = 'trace' | 'info' | 'warn' | 'error';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('pgvector Migrator', { log: true });
  private readonly lines: string[] = [];

  trace(message: string): void { this.write('trace', message); }
  info(message: string): void { this.write('info', message); }
  warn(message: string): void { this.write('warn', message); }
  error(message: string): void { this.write('error', message); }

  show(): void {
    this.channel.show(true);
  }

  /** What was written to the channel, one entry a call, as `[level] text`. */
  transcript(): string[] {
    return [...this.lines];
  }

  dispose(): void {
    this.channel.dispose();
  }

  private write(level: Level, message: string): void {
    const text = redactSecrets(message);
    this.lines.push(`[${level}] ${text}`);
    if (this.lines.length > 5000) this.lines.splice(0, 1000);
    this.channel[level](text);
  }
}
