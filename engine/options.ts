// The evaluation options a caller passes (EvalOptions, api.ts), checked at the library's door: a
// JavaScript caller, or a service forwarding a request's `lang`, is not held to the TypeScript types,
// and an unknown language or backend used to run anyway — `lang: 'fr'` failed deep inside as an
// internal error naming a JavaScript property, `backend: 'fast'` was silently the default (issue 16,
// user trial U7-2, U7-6). Every problem at once, as KH-E060 errors with the option's name as path.

import { defineMessages, type Msg } from '../dsl/i18n/index.js';
import type { EvalError, EvalOptions } from './api.js';
import { evalError } from './errors.js';

const O = defineMessages('engineOptions', {
  en: {
    notOneOf: 'option {name} is {found}: it must be one of {allowed}',
    notCount: 'option maxErrors is {found}: it must be a whole number ≥ 0 (or left out: no limit)',
    notFlag: 'option {name} is {found}: it must be true or false',
    notOptions: 'the options must be an object such as `{ lang: "zh" }`, not {found}',
    foundText: '"{v}"',
    foundValue: '{v}',
    choice: '{x}',
  },
  zh: {
    notOneOf: '选项“{name}”的值为{found}，应为{allowed}之一',
    notCount: '选项“maxErrors”的值为{found}，应为不小于 0 的整数（不填则不限）',
    notFlag: '选项“{name}”的值为{found}，应为“true”或“false”',
    notOptions: '选项应为对象，如 `{ lang: "zh" }`，实为{found}',
    foundText: '“{v}”',
    foundValue: '“{v}”',
    choice: '“{x}”',
  },
});

const CHOICES: Record<'lang' | 'backend' | 'rulesRuntime', readonly string[]> = {
  lang: ['zh', 'en'], backend: ['compiled', 'closures'], rulesRuntime: ['native', 'jre'],
};
const FLAGS = ['explain', 'exactValues'] as const;

/** How a wrong value reads in a message: a text in quotes, a number, true, false or null as JSON writes
 * it, else its kind — in zh inside “…” (user trial U8-5: `"fr"` and `zh, en` were English outside quotes). */
function shown(v: unknown): Msg {
  if (typeof v === 'string') return O.foundText({ v });
  return O.foundValue({ v: typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : typeof v });
}

/** The values an option takes, each a list item (zh: each inside “…”). */
const choices = (xs: readonly string[]): Msg[] => xs.map((x) => O.choice({ x }));

const problem = (name: string, msg: ReturnType<typeof O.notOneOf>): EvalError => evalError('KH-E060', msg, { path: name });

/** What is wrong with the options (empty when nothing is). `rulesRuntime` also takes a runtime a
 * caller registered (registerRulesRuntime), which the run itself looks up: only its type is checked;
 * `period` is the run's (KH-E031, with the scheme's period kind). */
export function optionProblems(opts: EvalOptions | undefined): EvalError[] {
  if (opts === undefined) return [];
  if (opts === null || typeof opts !== 'object') return [problem('options', O.notOptions({ found: shown(opts) }))];
  const out: EvalError[] = [];
  for (const name of ['lang', 'backend'] as const) {
    const v = opts[name];
    if (v !== undefined && !CHOICES[name].includes(v as string)) {
      out.push(problem(name, O.notOneOf({ name, found: shown(v), allowed: choices(CHOICES[name]) })));
    }
  }
  if (opts.rulesRuntime !== undefined && typeof opts.rulesRuntime !== 'string') {
    out.push(problem('rulesRuntime', O.notOneOf({ name: 'rulesRuntime', found: shown(opts.rulesRuntime), allowed: choices(CHOICES.rulesRuntime) })));
  }
  const max = opts.maxErrors;
  if (max !== undefined && !(typeof max === 'number' && (Number.isInteger(max) || max === Infinity) && max >= 0)) {
    out.push(problem('maxErrors', O.notCount({ found: shown(max) })));
  }
  for (const name of FLAGS) {
    if (opts[name] !== undefined && typeof opts[name] !== 'boolean') out.push(problem(name, O.notFlag({ name, found: shown(opts[name]) })));
  }
  return out;
}
