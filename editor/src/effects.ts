// Words for what a rule did and why a grade is not the one the score reached, in the UI language:
// an effect of a negative-list or reward item (`{deduct: 1}` → 扣 1 分, `{cap: "较好"}` → 最高评为
// “较好”), and the note a cohort row shows beside its grade — a quota demotion (with the server's
// reason), or the cap, veto or no-grade item that fixed it, named with its label.

import { render } from '../../dsl/i18n/index.js';
import type { CohortMemberResult, Effect, NegativeItem, SubjectResult } from '../../engine/api.js';
import { scopeWords } from '../../sheets/results-words.js';
import { h } from './dom.js';
import { score } from './figures.js';
import { lang } from './i18n.js';
import { P, tb } from './i18n-batch.js';

/** One effect; amounts with the scheme's precision when it is known. */
export function effectText(e: Effect, precision?: number): string {
  const n = (x: number) => (precision === undefined ? String(x) : score(x, precision));
  if ('deduct' in e) return tb('effectDeduct', { n: n(e.deduct) });
  if ('add' in e) return tb('effectAdd', { n: n(e.add) });
  if ('cap' in e) return tb('effectCap', { grade: e.cap });
  if ('veto' in e) return tb('effectVeto');
  if ('nograde' in e) return tb('effectNograde');
  return tb('effectAction', { action: e.action });
}

export interface GradeNote { kind: 'quota' | 'cap' | 'veto' | 'nograde'; text: string }

/** Why the grade is lower than (or other than) what the score reached, or undefined. A restriction is
 * read from the explanation when there is one (`acted`), else from the matched items: the cap equal
 * to the final grade is the binding one (“at most G” holds either way), a veto gives the lowest
 * grade, a no-grade item no grade. Items are named by their label, as the people concerned read them.
 * `scopeNamed`: the quota reasons name their scope themselves — the engine does so when the scheme
 * has an overall quota, which is when the cohort result has `overall`. */
export function gradeNote(r: SubjectResult | CohortMemberResult, scopeNamed: boolean): GradeNote | undefined {
  const q = 'quota' in r ? r.quota : undefined;
  if (q?.demotedTo) {
    // The server's reason, as it is, has brackets of its own (the ranking values) and names the grade
    // again: after a colon, not inside （）. Issue 13: the scope whose limit caused the demotion is said
    // once — by the reason when it names it, else here from QuotaNote.scope: 本组比例 where there are
    // units (`cohort by`); without units the one scope is the batch, and 按比例 says it.
    const grade = q.demotedTo;
    const head = scopeNamed ? tb('demotedNamed', { grade })
      : 'cohort' in r && r.cohort !== '' ? tb('demotedByScope', { grade, scope: render(scopeWords(q.scope), lang) })
      : tb('demotedTo', { grade });
    return { kind: 'quota', text: `${head}${q.reason ? `${P.colon}${q.reason}` : ''}` };
  }
  const acted = r.explain?.grade.restrictions.filter((x) => x.acted);
  const named = (n: NegativeItem) => n.label ?? n.item;
  const done = (kind: GradeNote['kind'], list: string, item: string) => !acted || acted.some((x) => x.kind === kind && x.list === list && x.item === item);
  // nograde beats veto beats cap (LANGUAGE.md §7).
  const nograde = r.grade === null ? r.negative.find((n) => n.effects.some((e) => 'nograde' in e) && done('nograde', n.list, n.item)) : undefined;
  if (nograde) return { kind: 'nograde', text: tb('nogradeBy', { item: named(nograde) }) };
  const veto = r.negative.find((n) => n.effects.some((e) => 'veto' in e) && done('veto', n.list, n.item));
  if (veto) return { kind: 'veto', text: tb('vetoedBy', { item: named(veto) }) };
  for (const n of r.negative) {
    const cap = n.effects.find((e): e is { cap: string } => 'cap' in e);
    if (cap && cap.cap === r.grade && done('cap', n.list, n.item)) return { kind: 'cap', text: tb('cappedBy', { grade: cap.cap, item: named(n) }) };
  }
  return undefined;
}

/** A grade reason as nodes: a condition with its values (`score 95.17 >= 90`, as the scheme writes
 * it) is code; a reason in words (a restriction, a quota decision) is text. The conditions are the
 * explanation's candidate reasons, possibly prefixed with the grade they were for (`优秀: …`). */
export function reasonNodes(r: SubjectResult, reason: string): (Node | string)[] {
  const conds = new Set(r.explain?.grade.reasons ?? []);
  if (conds.has(reason)) return [h('code', {}, reason)];
  for (const c of conds) {
    const prefix = reason.slice(0, -c.length);
    if (reason.endsWith(c) && /^[^:：]+[:：] ?$/.test(prefix)) return [`${prefix.replace(/[:：] ?$/, '')}${P.colon}`, h('code', {}, c)];
  }
  return [reason];
}
