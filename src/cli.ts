#!/usr/bin/env node
// pgvector-migrator: the command-line face of src/core, for CI and terminals.
import { parseArgs } from 'node:util';
import { COMMANDS } from './cli/commands';
import { COMMON_OPTIONS, CliCommand, CliIo, EXIT_FAILED, EXIT_USAGE } from './cli/command';
import { ConfigError, formatUserError, MigratorError } from './core/errors';
import { redactSecrets } from './core/db/redact';

function usage(): string {
  const lines = ['usage: pgvector-migrator <command> [options]', '', 'commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'every command takes --dir DIR and --database-url URL; `pgvector-migrator <command> --help` for more');
  return lines.join('\n');
}

function commandUsage(c: CliCommand): string {
  return `usage: pgvector-migrator ${c.name} ${c.usage} [--dir DIR] [--database-url URL]\n\n${c.summary}`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`error: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  let args;
  try {
    args = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`error: ${(err as Error).message}\n\n${commandUsage(command)}`);
    return EXIT_USAGE;
  }
  if (args.values.help) {
    io.out(commandUsage(command));
    return 0;
  }
  try {
    return await command.run(args as { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, io);
  } catch (err) {
    io.err(redactSecrets(formatUserError(err, io.cwd)));
    if (!(err instanceof MigratorError) && io.env.PGVM_DEBUG) io.err(String((err as Error).stack));
    return err instanceof ConfigError ? EXIT_USAGE : EXIT_FAILED;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\ninterrupt: stopping after the running statement is cancelled (Ctrl-C again to kill)\n');
    controller.abort();
  });
  const io: CliIo = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    status: process.stderr.isTTY ? (line) => process.stderr.write(`\r\x1b[K${line}`) : undefined,
    cwd: process.cwd(),
    env: process.env,
    signal: controller.signal,
    stdin: process.stdin,
    ...(process.stderr.isTTY ? { status: (line: string) => process.stderr.write(`\r\x1b[K${line}`) } : {}),
  };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`internal error: ${(err as Error).stack}\n`); process.exitCode = EXIT_FAILED; },
  );
}
