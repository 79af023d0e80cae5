// A sentence from a locale template with its figures and names kept apart as runs (report/model.ts
// `Inline`): the template is rendered with a marker in place of each marked argument, then split at
// the markers, so the words stay the catalog's (zh and en) while `{num}` and `{strong}` runs let the
// renderer set figures apart and tests find every number a sentence states without parsing words.

import { render, type Locale, type Msg, type MsgArg } from '../../dsl/i18n/index.js';
import type { Inline } from '../model.js';

/** A figure in a sentence: shown as a `{num}` run. */
export const num = (text: string): Inline => ({ num: text });
/** An emphasized part (a grade): a `{strong}` run. */
export const strong = (text: string): Inline => ({ strong: text });

/** A list of runs as one argument (items with their amounts), joined as the locale joins lists —
 * or, `clauses`, with semicolons (items that have commas of their own). */
export interface RunList { list: Inline[][]; clauses?: boolean }
export const runList = (list: Inline[][], clauses = false): RunList => ({ list, ...(clauses && { clauses }) });

type RunArg = MsgArg | Exclude<Inline, string> | RunList;

const LIST_SEPARATOR: Record<Locale, string> = { zh: '、', en: ', ' };
const CLAUSE_SEPARATOR: Record<Locale, string> = { zh: '；', en: '; ' };

// Each marked argument reaches the template as its own text between two private-use characters (one
// pair for figures, one for emphasis), so a function template that picks an English plural still
// reads the figure (through `bare`).
const NUM = ['\uE000', '\uE001'] as const;
const STRONG = ['\uE002', '\uE003'] as const;
const LIST = ['\uE004', '\uE005'] as const;
const MARKED = /\uE000([^\uE001]*)\uE001|\uE002([^\uE003]*)\uE003|\uE004(\d+)\uE005/g;

/** An argument as a template reads it, without the markers of a figure or an emphasized part. */
export const bare = (arg: string | undefined): string => (arg ?? '').replace(/[\uE000-\uE003]/g, '');

/** The runs of `build(args)` in `lang`: plain arguments render as usual; `num(…)` and `strong(…)`
 * arguments become runs of their own. */
export function sentence(lang: Locale, build: (args: Record<string, MsgArg>) => Msg, args: Record<string, RunArg>): Inline[] {
  const plainArgs: Record<string, MsgArg> = {};
  const lists: RunList[] = [];
  for (const [k, v] of Object.entries(args)) {
    if (typeof v === 'object' && v !== null && 'list' in v) {
      plainArgs[k] = `${LIST[0]}${lists.length}${LIST[1]}`;
      lists.push(v);
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && ('num' in v || 'strong' in v)) {
      const [open, close] = 'num' in v ? NUM : STRONG;
      plainArgs[k] = `${open}${'num' in v ? v.num : v.strong}${close}`;
    } else {
      plainArgs[k] = v as MsgArg;
    }
  }
  const text = render(build(plainArgs), lang);
  const out: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(MARKED)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    if (m[3] !== undefined) {
      const l = lists[Number(m[3])]!;
      const sep = (l.clauses ? CLAUSE_SEPARATOR : LIST_SEPARATOR)[lang];
      l.list.forEach((item, i) => out.push(...(i > 0 ? [sep] : []), ...item));
    } else {
      out.push(m[1] !== undefined ? { num: m[1] } : { strong: m[2]! });
    }
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** The text of runs (for a title, a table cell, a test). */
export const textOf = (runs: readonly Inline[]): string =>
  runs.map((r) => (typeof r === 'string' ? r : 'num' in r ? r.num : r.strong)).join('');
