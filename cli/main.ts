// Dispatches `kaohe COMMAND …` to cli/commands/COMMAND.ts. Each command module exports
// `run(argv, io): Promise<number>` returning the exit code (API.md fixes the codes).

import { processIO, type IO } from './io.js';

const COMMANDS = ['check', 'fmt', 'eval', 'test', 'export', 'serve', 'token'] as const;

const USAGE = `usage: kaohe <command> [options]

  check FILE…                       report diagnostics (--json for an array)
  fmt FILE… [--write] [--check] [--keywords en|zh]
  eval FILE INPUT.json [--explain]  evaluate one subject or a cohort
  test FILE…                        run the scheme's example blocks
  export FILE --format json-rules-engine
  serve [--port 8787] [--host 127.0.0.1] [--db PATH]
  token create --org ORG --role admin|author|evaluator [--db PATH]
`;

export async function main(argv: string[], io: IO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    io.err(`kaohe: unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  const mod = (await import(`./commands/${command}.ts`)) as { run(argv: string[], io: IO): Promise<number> };
  return mod.run(rest, io);
}
