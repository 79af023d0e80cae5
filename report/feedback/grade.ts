// The score and the grade in sentences (issue 15): how the score is made up (the indicators' points,
// the adjustment, rewards and deductions with their items), then why the grade — the grade whose
// conditions the person met, the committee's decision, a veto, cap or no-grade item, the roster's
// 不定等次, the quota that kept or lowered the grade, a soft quota's note. Built from the stored
// result's data (never from its English-or-Chinese reason strings, which carry rule syntax and line
// numbers — except that a better grade's missed condition is matched to the scheme's tree and said in
// its words, missed.ts); the explanation, when given, adds the grade first met and which restriction acted.

import type { CohortMemberResult, NegativeItem } from '../../engine/api.js';
import type { Inline } from '../model.js';
import { fixed, scaledOf } from '../shared/numbers.js';
import { num, runList, sentence, strong } from '../shared/runs.js';
import { render, type Locale } from '../../dsl/i18n/index.js';
import { M } from './messages.js';
import { missedFacts } from './missed.js';
import { itemKey } from './terms.js';
import type { FeedbackContext, FeedbackPerson } from './types.js';

const quoted = (g: string): Inline => strong(`“${g}”`);
const itemName = (x: { item: string; label?: string }) => x.label ?? x.item;

/** The first line: score and grade (or no grade). */
export function scoreLine(ctx: FeedbackContext, r: CohortMemberResult): Inline[] {
  const score = num(fixed(r.score, ctx.scheme.precision));
  return r.grade === null
    ? sentence(ctx.lang, M.scoreNoGrade, { score })
    : sentence(ctx.lang, M.scoreGrade, { score, grade: quoted(r.grade) });
}

/** How the score is made up, as one sentence of parts; nothing when the score is simply the
 * indicators' points (no adjustment, reward or deduction) — the first line already says it. */
export function composition(ctx: FeedbackContext, r: CohortMemberResult): Inline[] {
  const p = ctx.scheme.precision;
  const { lang } = ctx;
  if (r.adjust === 1 && r.rewards === 0 && r.deductions === 0) return [];
  const out = sentence(lang, M.composition, { base: num(fixed(r.base, p)) });
  if (r.adjust !== 1) out.push(...sentence(lang, M.compositionAdjust, { adjust: num(String(r.adjust)) }));
  if (r.rewards !== 0) out.push(...sentence(lang, M.compositionRewards, { rewards: num(fixed(r.rewards, p)) }));
  if (r.deductions !== 0) out.push(...sentence(lang, M.compositionDeductions, { deductions: num(fixed(r.deductions, p)) }));
  out.push(...sentence(lang, M.compositionEnd, { score: num(fixed(r.score, p)) }));
  return out;
}

/** The items that moved points: deductions (and amounts an attached item gave its indicator), rewards.
 * A deduction counted per input field says the count, the amount each and the cap that cut it. */
export function itemLines(ctx: FeedbackContext, r: CohortMemberResult, input?: Record<string, unknown>): Inline[][] {
  const p = ctx.scheme.precision;
  const { lang } = ctx;
  const lines: Inline[][] = [];
  const deducted = r.negative.flatMap((x) => x.effects.flatMap((e) => ('deduct' in e ? [{ x, amount: e.deduct }] : [])));
  const plain: Inline[][] = [];
  const counted: Inline[][] = [];
  for (const { x, amount } of deducted) {
    const per = x.for === undefined ? perCount(ctx, x, amount, input) : undefined;
    if (per) counted.push(per);
    else plain.push(amountText(lang, x, amount, p, 'deduct'));
  }
  if (plain.length > 0) lines.push(sentence(lang, M.deductions, { items: runList(plain) }));
  lines.push(...counted);
  const own = deducted.filter(({ x }) => x.for === undefined).reduce((s, { amount }) => s + scaledOf(amount, p), 0n);
  if (deducted.length > 0 && deducted.every(({ x }) => x.for === undefined) && own !== scaledOf(r.deductions, p)) {
    lines[lines.length - 1]!.push(...(lang === 'en' ? [' '] : []), ...sentence(lang, M.deductionsCapped, { deductions: num(fixed(r.deductions, p)) }));
  }
  if (r.rewardItems.length > 0) {
    const items = r.rewardItems.map((x) => amountText(lang, x, x.add, p, 'reward'));
    lines.push(sentence(lang, M.rewardsList, { items: runList(items) }));
    const asked = r.rewardItems.filter((x) => x.for === undefined).reduce((s, x) => s + scaledOf(x.add, p), 0n);
    if (asked !== scaledOf(r.rewards, p) && r.rewardItems.every((x) => x.for === undefined)) {
      lines[lines.length - 1]!.push(...(lang === 'en' ? [' '] : []), ...sentence(lang, M.rewardsCapped, { rewards: num(fixed(r.rewards, p)) }));
    }
  }
  return lines;
}

/** “迟到早退”，“迟到早退次数”为4，每次扣1分，计4.00分，超过上限，按3.00分计 — when the scheme deducts a
 * literal amount per count of an input field and the person's input is known. */
function perCount(ctx: FeedbackContext, x: NegativeItem, amount: number, input?: Record<string, unknown>): Inline[] | undefined {
  const per = ctx.terms?.perDeduct.get(itemKey(x.list, x.item));
  const count = per === undefined ? undefined : input?.[per.field];
  if (per === undefined || typeof count !== 'number' || !Number.isFinite(count)) return undefined;
  const p = ctx.scheme.precision;
  const asked = Math.round(Number(per.unit) * count * 10 ** p) / 10 ** p;
  const args = { item: itemName(x), per: per.fieldName, count: num(String(count)), unit: num(per.unit), measure: per.measure, amount: num(fixed(amount, p)) };
  return scaledOf(asked, p) === scaledOf(amount, p)
    ? sentence(ctx.lang, M.deductionPer, args)
    : sentence(ctx.lang, M.deductionPerCapped, { ...args, asked: num(fixed(asked, p)) });
}

function amountText(lang: Locale, x: { item: string; label?: string; for?: string }, amount: number, p: number, kind: 'deduct' | 'reward'): Inline[] {
  const args = { item: itemName(x), amount: num(fixed(amount, p)) };
  if (x.for !== undefined) return sentence(lang, M.attachedItem, { ...args, indicator: x.for });
  return sentence(lang, kind === 'deduct' ? M.deductionItem : M.rewardItem, args);
}

type Restriction = 'veto' | 'cap' | 'nograde';

/** The negative items with a restricting effect, by kind. */
interface Restricting { kind: Restriction; item: NegativeItem; grade?: string }

function restrictions(r: CohortMemberResult): Restricting[] {
  return r.negative.flatMap((item) => item.effects.flatMap((e): Restricting[] => {
    if ('veto' in e) return [{ kind: 'veto', item }];
    if ('nograde' in e) return [{ kind: 'nograde', item }];
    if ('cap' in e) return [{ kind: 'cap', item, grade: e.cap }];
    return [];
  }));
}

/** Why the grade, one sentence each. */
export function gradeReasons(ctx: FeedbackContext, person: FeedbackPerson): Inline[][] {
  const r = person.result;
  const { lang } = ctx;
  const out: Inline[][] = [];
  const limits = restrictions(r);
  const nograde = limits.filter((x) => x.kind === 'nograde');
  const vetoes = limits.filter((x) => x.kind === 'veto');
  const caps = limits.filter((x) => x.kind === 'cap');
  const ex = person.explain?.grade;
  const byRoster = r.grade === null && r.rank.overall === null && nograde.length === 0;

  if (r.decision) {
    out.push(sentence(lang, M.decision, { reason: r.decision.reason.trim().replace(/[。.！!；;，,\s]+$/u, '') }));
  } else if (ex?.candidate && !byRoster) {
    out.push(sentence(lang, M.candidate, { grade: quoted(ex.candidate) }));
  }
  // why a better grade was missed though the score may have reached it (a 一般 quarter): the result's
  // own gradeReasons, in the scheme's words (missed.ts)
  if (!r.decision && ctx.terms) {
    for (const m of missedFacts(r.gradeReasons, ctx.terms.missed)) {
      out.push(sentence(lang, M.missed, { grade: quoted(m.grade), facts: runList(m.facts.map((f) => [f]), true) }));
    }
  }
  const acted = (kind: Restriction, x: NegativeItem) =>
    ex?.restrictions.find((y) => y.kind === kind && y.item === x.item && y.list === x.list)?.acted;
  if (nograde.length > 0) {
    for (const x of nograde) if (acted('nograde', x.item) !== false) out.push(sentence(lang, M.nograde, { item: itemName(x.item) }));
  } else if (vetoes.length > 0 && r.grade !== null) {
    for (const x of vetoes) if (acted('veto', x.item) !== false) out.push(sentence(lang, M.veto, { item: itemName(x.item), grade: quoted(r.grade) }));
  } else if (r.grade !== null) {
    for (const x of caps) {
      const did = acted('cap', x.item);
      if (did === false) continue;
      if (did && ex?.candidate && ex.candidate !== x.grade) {
        out.push(sentence(lang, M.capActed, { item: itemName(x.item), grade: quoted(x.grade!), from: ex.candidate }));
      } else {
        out.push(sentence(lang, M.cap, { item: itemName(x.item), grade: quoted(x.grade!) }));
      }
    }
  }
  if (byRoster) out.push(sentence(lang, M.ungradedByRoster, {}));
  const q = r.quota;
  if (q) {
    const scope = render(q.scope === 'cohort' && r.cohort !== '' ? M.quotaScopeCohort({ cohort: r.cohort }) : M.quotaScopeAll(), lang);
    const args = { grade: q.grade, scope, limit: num(String(q.limit)), rank: num(String(q.rank)) };
    if (q.demotedTo === null) out.push(sentence(lang, M.quotaKept, args));
    else if (q.rank <= q.limit) out.push(sentence(lang, M.quotaTied, { ...args, to: quoted(q.demotedTo) }));
    else out.push(sentence(lang, M.quotaDemoted, { ...args, to: quoted(q.demotedTo) }));
  }
  for (const f of r.flags ?? []) {
    out.push(sentence(lang, M.softQuota, { grade: f.grade, normal: num(String(f.normal)), rank: num(String(f.rank)) }));
  }
  return out;
}
