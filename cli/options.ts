// What is wrong with a command line's options as written, judged from argv before any command reads
// them (C10b, a 组织部 officer's black-box trial). parseArgs (cli/io.ts) keeps the last of an option
// given twice, so `--period 2026-Q2 --period 2026-Q3` ran for Q3 and `--out a.json --out b.json`
// wrote only b.json, silently; and an option without its value (`--period` last, `--period --out
// x.json`, `--period ""`, `--period=`) was answered with the usage alone, or taken as not given at all.
// The rule, the same for every option that takes a value in every command: given twice — with the
// same value or not, since a repeated option is a mistake either way and the second never completes
// the first — or given without a value (none, an empty one, or another option where the value goes)
// is one line naming the option, exit 2, before anything is read or written. Flags without a value
// (`--explain`, `--json`) may repeat: `--explain --explain` asks for the same thing twice. An unknown
// option is named with the nearest known one (`--perod` → `--period`, dsl/distance.ts).

import { nearest } from '../dsl/distance.js';
import type { Msg } from '../dsl/i18n/index.js';
import { C } from './messages.js';

/** A command's options: those that take a value, and the values to show when one is missing. */
export interface OptionSpec {
  argv: readonly string[];
  valued: readonly string[];
  /** What a missing value could be (`--lang`'s is known everywhere); absent: just said missing. */
  hints?: Readonly<Record<string, string>>;
}

const COMMON_HINTS: Record<string, string> = { lang: 'zh | en' };

/** Whether an argument is an option (`--x`, `--x=…`); `-` (standard input) and `-5` are values. */
export const isOption = (a: string): boolean => a.startsWith('--') && a.length > 2;

export type OptionProblem = { option: string; problem: 'twice' | 'noValue' };

/** The first problem of `spec.argv` in the order written, or undefined. */
export function optionProblem(spec: OptionSpec): OptionProblem | undefined {
  const seen = new Set<string>();
  const { argv, valued } = spec;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!isOption(a)) continue;
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!valued.includes(name)) continue;
    let value: string | undefined;
    if (eq > 0) value = a.slice(eq + 1);
    else if (i + 1 < argv.length && !isOption(argv[i + 1])) value = argv[++i];
    if (seen.has(name)) return { option: name, problem: 'twice' };
    seen.add(name);
    // only an empty value is a missing one: `--name ' '` is the command's to judge (a blank name)
    if (value === undefined || value === '') return { option: name, problem: 'noValue' };
  }
  return undefined;
}

/** The words of a problem of `kaohe COMMAND`'s options. */
export function optionProblemMsg(command: string, p: OptionProblem, hints: Readonly<Record<string, string>> = {}): Msg {
  const prog = `kaohe ${command}`;
  const option = `--${p.option}`;
  if (p.problem === 'twice') return C.optionTwice({ prog, option });
  const values = hints[p.option] ?? COMMON_HINTS[p.option];
  return values ? C.needsValue({ prog, option, values }) : C.needsValueBare({ prog, option });
}

/** The known option nearest to an unknown one (`perod` → `period`), if one is close. */
export function nearOption(option: string, known: readonly string[]): string | undefined {
  return nearest(option, known, 1)[0];
}
