// Completion and hover after `ID.` in a cohort example (issue 13): `A1.` offers what an expectation may read
// of one subject — the result names (score, grade, …), the example-only ones (actions, provisional,
// items), the cohort ones (rank, cohortRank, demoted, flagged) and the scheme's indicators and groups,
// in the file's keyword language. The ids are the example's `given ID {` lines, read from tokens so
// it works while the file does not parse.

import type { FieldExpr } from '../ast.js';
import { subjectValueName } from '../check/infer/cohort-example.js';
import type { CheckedScheme } from '../check/index.js';
import { COHORT_RESULT_NAMES } from '../keywords.js';
import type { SymbolTable } from '../symbols.js';
import type { Target } from './targets.js';
import * as c from './candidates.js';
import type { CompletionItem, Env } from './candidates.js';
import type { CursorContext } from './context.js';
import type { Tok } from './scan.js';
import { word } from './messages.js';
import { defineMessages, render } from '../i18n/index.js';

const unquote = (t: Tok): string => (t.kind === 'string' ? t.text.replace(/^["“]|["”]$/g, '') : t.text);

/** The ids given in the example block around the cursor, or undefined outside one. */
function subjectIds(toks: readonly Tok[], ctx: CursorContext): Set<string> | undefined {
  const ex = [...ctx.blocks].reverse().find((b) => b.kind === 'example');
  if (!ex) return undefined;
  const ids = new Set<string>();
  for (let i = ex.open + 1; i < toks.length - 1; i++) {
    if (toks[i].kw !== 'given') continue;
    const id = toks[i + 1];
    if (id.kind === 'ident' || id.kind === 'string') ids.add(unquote(id));
  }
  return ids;
}

/** What each cohort result name is (the completion's documentation). */
export const D = defineMessages('serviceCohortExamples', {
  en: {
    rank: 'rank in the whole batch (1 = best; ties share a rank)',
    cohortRank: 'rank in its cohort (`cohort by`)',
    demoted: 'true when a quota demoted it',
    flagged: 'true when it is above a soft quota (`normally`)',
  },
  zh: {
    rank: '在全体中的名次（1 为最优，并列同名次）',
    cohortRank: '在本组（分组）中的名次',
    demoted: '因比例限制被调整等次时为真',
    flagged: '超出通常比例时为真',
  },
});

/** The items after `ID.` when ID is a subject of the example around the cursor, else undefined. */
export function subjectValueItems(toks: readonly Tok[], ctx: CursorContext, env: Env): CompletionItem[] | undefined {
  const idTok = toks[ctx.prevIndex - 1];
  if (!idTok || (idTok.kind !== 'ident' && idTok.kind !== 'string')) return undefined;
  if (!subjectIds(toks, ctx)?.has(unquote(idTok))) return undefined;
  const nodes: CompletionItem[] = c.valueNames(env, 1).filter((i) => i.kind === 'indicator' || i.kind === 'group');
  const cohort: CompletionItem[] = Object.entries(COHORT_RESULT_NAMES).map(([en, zh]) => ({
    label: env.lang === 'zh' ? zh : en, kind: 'result' as const, sortText: `2${en}`,
    detail: word('result', env.ui), documentation: render(D[en as keyof typeof D](), env.ui),
  }));
  return [...c.resultNames(env, 0), ...cohort, ...c.exampleResultNames(env, 3), ...nodes];
}

/** What X of `ID.X` is, for hover and go-to-definition: a result name (cohort ones too) or the
 * indicator or group. Undefined when the Field is no subject's (the checker's ref says). */
export function subjectFieldTarget(e: FieldExpr, checked: CheckedScheme | undefined, syms: SymbolTable): Target | undefined {
  if (e.object.kind !== 'Name' || checked?.refs.get(e.object)?.kind !== 'subject') return undefined;
  const v = subjectValueName(syms, e.field.name);
  if (!v) return undefined;
  if (v.kind === 'indicator' || v.kind === 'group') { const s = syms.names.get(v.name); return s && { kind: 'sym', sym: s }; }
  return { kind: 'result', name: v.name };
}

/** A cohort result name's description (hover), or undefined for other names. */
export function cohortResultDoc(name: string, ui: 'zh' | 'en'): string | undefined {
  return name in COHORT_RESULT_NAMES ? render(D[name as keyof typeof D](), ui) : undefined;
}
