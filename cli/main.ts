// Dispatches `kaohe COMMAND …` to cli/commands/COMMAND.ts. Each command module exports
// `run(argv, io): Promise<number>` returning the exit code (API.md fixes the codes). What main()
// prints itself (the command list, an unknown command, a missing SQLite driver) follows `--lang`,
// else the environment.

import { render, type Locale } from '../dsl/i18n/index.js';
import { argvLocale, processIO, usage, type IO } from './io.js';
import { C, SYNOPSES } from './messages.js';
import { nearOption } from './options.js';
import { P } from './periods-messages.js';

const COMMANDS = ['check', 'fmt', 'eval', 'template', 'doc', 'test', 'export', 'whatif', 'serve', 'token', 'account', 'migrate', 'db'] as const;

type Command = { run(argv: string[], io: IO): Promise<number> };

/** Each command's module, loaded only when that command runs: `kaohe check` must not pay for the
 * server, the database, exceljs or zod (it loads the language only). Static import paths, so the
 * same code runs from the TypeScript sources (tsx, vitest) and from dist/. */
const LOADERS: Record<(typeof COMMANDS)[number], () => Promise<Command>> = {
  check: () => import('./commands/check.js'),
  fmt: () => import('./commands/fmt.js'),
  eval: () => import('./commands/eval.js'),
  template: () => import('./commands/template.js'),
  doc: () => import('./commands/doc.js'),
  test: () => import('./commands/test.js'),
  export: () => import('./commands/export.js'),
  whatif: () => import('./commands/whatif.js'),
  serve: () => import('./commands/serve.js'),
  token: () => import('./commands/token.js'),
  account: () => import('./commands/account.js'),
  migrate: () => import('./commands/migrate.js'),
  db: () => import('./commands/db.js'),
};

/** `kaohe help`: the commands with their synopses (code) and what they do (in `locale`). */
function usageText(locale: Locale): string {
  const lines = (Object.keys(SYNOPSES) as (keyof typeof SYNOPSES)[]).map((c) => {
    const syn = SYNOPSES[c];
    const does = render(C[`does_${c}`](), locale);
    return syn.length < 36 ? `  ${syn.padEnd(36)}${does}` : `  ${syn}\n  ${''.padEnd(36)}${does}`;
  });
  return `${render(C.usageAll(), locale)}\n\n${lines.join('\n')}\n\n${render(C.helpMore({ command: '<command>' }), locale)}\n`;
}

/** `kaohe COMMAND --help`: that command's synopsis, what it does and its notes, in `locale`. */
function commandHelp(command: (typeof COMMANDS)[number], locale: Locale): string {
  const notes = command === 'eval' ? `${render(C.notes_eval(), locale)}\n${render(P.notes_periods(), locale)}\n${render(C.notes_evalStream(), locale)}\n`
    : command === 'serve' ? `${render(C.notes_serve(), locale)}\n` : '';
  return `${usage(`kaohe ${SYNOPSES[command]}`, locale)}  ${render(C[`does_${command}`](), locale)}\n${notes}`;
}

const HELP = new Set(['--help', '-h']);

/** The locale of the words main() prints itself: a `--lang` anywhere in argv, else the environment. */
const mainLocale = (argv: string[], io: IO): Locale => argvLocale(argv, io.env ?? {});

export async function main(argv: string[], io: IO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help' || command.startsWith('--lang')) {
    io.out(usageText(mainLocale(argv, io)));
    return command && !command.startsWith('--lang') ? 0 : 2;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    const locale = mainLocale(argv, io);
    const near = nearOption(command, COMMANDS);
    const said = near ? C.unknownCommandNear({ prog: 'kaohe', command, near }) : C.unknownCommand({ prog: 'kaohe', command });
    io.err(`${render(said, locale)}\n${usageText(locale)}`);
    return 2;
  }
  // `--help` anywhere after the command, before the command itself parses (and refuses) its options.
  if (rest.some((a) => HELP.has(a))) {
    io.out(commandHelp(command as (typeof COMMANDS)[number], mainLocale(argv, io)));
    return 0;
  }
  try {
    const mod = await LOADERS[command as (typeof COMMANDS)[number]]();
    return await mod.run(rest, io);
  } catch (e) {
    if (!sqliteMissing(e)) throw e;
    io.err(`${render(C.noSqliteDriver({ prog: `kaohe ${command}` }), mainLocale(argv, io))}\n`);
    return 2;
  }
}

/** Whether `e` says the SQLite driver is absent: better-sqlite3 is an optional dependency (a library
 * user need not build it), so `serve`, `token` and `account` may find it not installed, or its native
 * binary missing or built for another Node. */
export function sqliteMissing(e: unknown): boolean {
  const { code, message } = (e ?? {}) as { code?: string; message?: string };
  const text = String(message ?? '');
  return (code === 'ERR_MODULE_NOT_FOUND' && /['"]better-sqlite3['"]/.test(text))
    || /better_sqlite3\.node|Could not locate the bindings file/.test(text);
}
