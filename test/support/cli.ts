// Runs the real CLI entry (main) in this process and captures what it prints.
import { main } from '../../src/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...options.env };
  const code = await main(args, {
    out: (l) => out.push(l), err: (l) => err.push(l), cwd: options.cwd ?? process.cwd(), env, signal: new AbortController().signal,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
