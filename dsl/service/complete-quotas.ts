// Completion on a grade line's quota clauses (issue 13): `quota` after a condition, then a share, a
// share table's key (an enum input or a let) or `normally`; after a share (or a table's `}`) the
// options (normally, rounding, min, of graded/all, overall/cohort) and a further `quota`; inside a
// share table `{ … }`, the members of its key's enum. Read from the tokens: the line is unfinished.

import type { KeywordId } from '../keywords.js';
import * as c from './candidates.js';
import type { CompletionItem, Env } from './candidates.js';
import type { Tok } from './scan.js';
import { enumOfType } from './targets.js';

const OPTIONS: KeywordId[] = ['normally', 'roundDown', 'roundUp', 'roundNearest', 'min', 'ofGraded', 'ofAll', 'overall', 'cohort', 'quota'];
const OPTION_WORDS = new Set<KeywordId>(['roundDown', 'roundUp', 'roundNearest', 'ofGraded', 'ofAll', 'overall', 'cohort']);

/** Items for the cursor in a grade line (`stmt`: its tokens so far), or undefined when it is in the
 * condition (an expression). */
export function quotaItems(stmt: readonly Tok[], prev: Tok | undefined, env: Env): CompletionItem[] | undefined {
  if (!prev) return undefined;
  if (prev.kw === 'otherwise') return c.keywords(['quota'], env, 0);
  let q = stmt.length - 1;
  while (q >= 0 && stmt[q].kw !== 'quota') q--;
  if (q < 0) return undefined;
  if (prev.kw === 'quota') return [...c.keywords(['normally'], env, 0), ...tableKeys(env)];
  if (prev.kw === 'normally' || prev.kw === 'min') return [];
  const afterShare = prev.kind === 'number' || prev.p === '}' || (prev.kw !== undefined && OPTION_WORDS.has(prev.kw));
  return afterShare ? c.keywords(OPTIONS, env, 0) : [];
}

/** Inside `quota KEY { … }`: the members of KEY's enum (an input's; else every enum's members). */
export function quotaTableMembers(toks: readonly Tok[], open: number, env: Env): CompletionItem[] {
  const key = toks[open - 1];
  const input = key?.kind === 'ident' ? env.syms?.inputs.get(key.text) : undefined;
  const en = input && env.syms ? enumOfType(input.type, env.syms) : undefined;
  return en ? c.enumMembers(en, env) : c.allMembers(env, 0);
}

/** What a share table can be looked up by: inputs of an enum type, then lets (their type is known
 * only to the checker). */
function tableKeys(env: Env): CompletionItem[] {
  const syms = env.syms;
  if (!syms) return [];
  const enumInputs = new Set([...syms.inputs.values()].filter((f) => enumOfType(f.type, syms)).map((f) => f.name.name));
  return c.valueNames(env, 1).filter((i) => enumInputs.has(i.label) || i.kind === 'let');
}
