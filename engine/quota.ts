// One quota applied in one scope (§8, issue 13), for the cohort book (cohort.ts): the holders of a
// grade over a hard limit are ranked by the race keys (race.ts: the ranking key, the committee's
// order, the tiebreak keys); the first `limit` keep it, the rest are demoted to the next grade below
// whose condition holds (then compete for that one). People tied on every key across the boundary
// are all demoted and reported as ties. Holders ranked past a soft limit are flagged, never demoted (a
// tie straddling the soft line: all of it). The limit is a share of the scope's head count (`of
// graded|all`, the roster's word on who counts), rounded as the quota says. Decisions and flags are
// data (`Msg`), rendered in the result's language when it is written (outcome.ts); their parts
// shared by a whole race (the keys' names, how the limit was computed, the scope) are rendered once
// per race in the book's language — the results' (issue 16: per member they cost more than its
// evaluation). Deterministic: ties in the sort keep input order. Split from cohort.ts (issue 16): the
// book records, this decides.

import { Rational } from '../dsl/rational.js';
import { render, type Locale, type Msg, type MsgArg } from '../dsl/i18n/index.js';
import type { QuotaSummary } from './api.js';
import type { Contender } from './cohort.js';
import { M } from './messages.js';
import type { GradePlan, Plan, QuotaPlan } from './plan.js';
import { compareKey, raceKeys, type Probe, type RaceKey } from './race.js';
import { template } from './quota-words.js';
import { competitionRanks, scaled } from './ranks.js';
import { show, type Value } from './values.js';

type Scope = 'cohort' | 'overall';

/** A quota decision that concerned a member, as data: its `reason` becomes words in the result's
 * language when the result is written (outcome.ts). */
export interface QuotaDecision { grade: string; scope: Scope; demotedTo: string | null; rank: number; limit: number; reason: Msg; words?: string }
/** A soft quota the member is above: flagged, not demoted. */
export interface QuotaFlagDecision { grade: string; scope: Scope; rank: number; normal: number; reason: Msg; words?: string }
// `words`: the reason in the book's language (the results'), from a template filled per member (quota-words.ts)

/** floor / ceil / half-up of share × base, at least min(K, base). */
export function quotaLimit(q: { percent?: Rational; round: QuotaPlan['round']; min?: number }, base: number, share = q.percent ?? Rational.ONE): number {
  const x = share.mul(Rational.int(base));
  const r = q.round === 'up' ? x.ceil() : q.round === 'nearest' ? x.round(0) : x.floor();
  let limit = Number(r.num);
  if (q.min !== undefined) limit = Math.max(limit, Math.min(q.min, base));
  return limit;
}

/** A scope's head counts. Members that cannot compete for a quota grade are finished (and dropped)
 * before the quota phase, so the phase gets their counts only: `fixed` maps grade name (or `none`)
 * to how many such members hold it. */
export interface CohortCounts {
  size: number; graded: number; fixed: Record<string, number>;
  /** The roster's word on the bases (issue 14), absent when no member has one: `out` — members left
   * out (`countsInBase: false`), all and graded; `in` — ungraded members put in (`countsInBase: true`),
   * which an `of graded` base would otherwise leave out. */
  roster?: { out: number; outGraded: number; in: number };
}

/** The head count a quota's share is of: everyone or the graded (`of all|graded`), less those the
 * roster leaves out, plus the ungraded it puts in (`of graded` only: `of all` has them already). */
export function baseOf(q: QuotaPlan, counts: CohortCounts): number {
  const r = counts.roster;
  if (q.of === 'all') return counts.size - (r ? r.out : 0);
  return counts.graded - (r ? r.outGraded - r.in : 0);
}

/** A quota's hard share in a scope (absent for a soft-only quota), and where a table's came from. */
export interface Share { share?: Rational; from?: Msg }

/** One hard quota applied in one scope: its summary entry (the soft step adds `normal`, `over`, `flag`). */
export interface Applied { summary: QuotaSummary }

/** The quota races of a plan: its keys, each member's key values computed once. */
export class Race {
  private readonly keys: RaceKey[];
  /** The keys' names in words (the book's language). */
  private readonly names: string[];
  readonly cmp: (a: Contender, b: Contender) => number;
  /** Each key's direction as a sign (−1: desc), for rankScaled. */
  private readonly signs: Int8Array;

  constructor(private readonly plan: Plan, private readonly lang: Locale) {
    this.keys = raceKeys(plan);
    this.names = this.keys.map((k) => render(k.name, lang));
    this.signs = Int8Array.from(this.keys, (k) => (k.dir === 'desc' ? -1 : 1));
    this.cmp = (a, b) => {
      const ka = this.of(a), kb = this.of(b);
      for (let i = 0; i < ka.length; i++) {
        const d = compareKey(this.keys[i].dir, ka[i], kb[i]);
        if (d !== 0) return d;
      }
      return 0;
    };
  }

  private of(m: Contender): (Value | null)[] {
    let v = m.raceValues;
    if (!v) { // a loop, not map(): map() makes an array of another kind once optimized, and code reading it
      // was thrown away and compiled again (dsl/i18n/message.ts joined; issue 16, session 9: V8 traces)
      v = m.raceValues = [];
      for (const k of this.keys) v.push(k.value(m));
    }
    return v;
  }

  /** Holders best first (input order among equals) and their ranks: as numbers when every key value
   * is one (scaledKeys) — a million-subject cohort's races compared Rationals (BigInt products) for
   * each of ≈ 3 million comparisons — else by `cmp`. The same order either way: both are exact. */
  rank(holders: Contender[]): { ranked: Contender[]; ranks: number[] } {
    const values: (Value | null)[][] = [];
    for (const m of holders) values.push(this.of(m));
    const x = scaledKeys(values, this.keys.length);
    return x ? rankScaled(holders, x, this.signs) : rank(holders, this.cmp);
  }

  /** The member's key values as texts … */
  private texts(m: Contender): string[] {
    const out: string[] = []; // loops, not map(), here and below: see Race.of
    for (const v of this.of(m)) out.push(v === null ? '—' : show(v));
    return out;
  }

  /** … and in words, for its reason. */
  values(texts: string[]): Msg[] {
    const out: Msg[] = [];
    for (let j = 0; j < texts.length; j++) out.push(M.rankKey({ name: this.names[j], value: texts[j] }));
    return out;
  }

  /** One kind of decision's words for a grade at a scope, a template (quota-words.ts) over what differs
   * from race to race too — parts: the limit (or normal share), how it was computed, how many ran,
   * the rank, then `extra` per-member parts (`to`), then the key values — so a plan's thousand races
   * render it once, not once each. */
  private readonly said = new Map<string, (parts: string[]) => string>();
  private wordsOf(kind: string, g: GradePlan, scope: string | undefined, extra: number, make: (race: Record<string, string>, p: string[]) => Msg): (parts: string[]) => string {
    const key = `${kind}\0${g.index}\0${scope ?? ''}`;
    let t = this.said.get(key);
    if (!t) {
      const n = 4 + extra + this.keys.length;
      this.said.set(key, t = template(this.lang, n, (p) => make({ grade: g.name, how: p[1], of: p[2], rank: p[3], ...(scope ? { scope } : {}) }, p)));
    }
    return t;
  }

  /** Applies a hard quota to the holders of `g` in one scope (a soft-only quota: limit = base, nobody
   * is demoted). `named`: the scheme has an `overall` quota, so the words name the scope. */
  hard(g: GradePlan, q: QuotaPlan, holders: Contender[], counts: CohortCounts, sh: Share, named: boolean): Applied {
    const base = baseOf(q, counts);
    const limit = sh.share ? quotaLimit(q, base, sh.share) : base;
    const summary: QuotaSummary = { grade: g.name, scope: q.scope, limit, base, admitted: [], ties: [] };
    if (holders.length <= limit) { summary.admitted = holders.map((m) => m.id); return { summary }; }

    const { ranked, ranks } = this.rank(holders);
    const { cut, ties } = boundaryTies(ranked, limit, this.cmp);
    summary.ties = ties.map((m) => m.id);
    const othersOf = tiedOthers(ties);
    const how = render(quotaHow(q, base, sh.share!, sh.from), this.lang);
    const scope = named ? render(scopeWord(q.scope), this.lang) : undefined;
    const race = { grade: g.name, limit, how, of: ranked.length, ...(scope ? { scope } : {}) };
    const parts = [String(limit), how, String(ranked.length)]; // then the rank, `to` when demoted, the key values
    const kept = this.wordsOf('kept', g, scope, 0, (a, p) => M.quotaKept({ ...a, limit: p[0], values: this.values(p.slice(4)) }));
    const demoted = this.wordsOf('demoted', g, scope, 1, (a, p) => M.quotaDemoted({ ...a, limit: p[0], to: p[4], values: this.values(p.slice(5)) }));
    // a tie's words are the same for all of it (one rank, the same key values) but the others it names
    // (at most 7 lists, tiedOthers) and the grade each is demoted to: the names are put into words
    // rendered once for the tie and that grade (`listWords`), else rendered once for each list
    const tied = new Map<MsgArg, Map<string, string>>();
    const lists = new Map<string, ((names: readonly string[]) => string) | null>();
    const toMsgs = new Map<GradePlan | null, Msg>(), toTexts = new Map<GradePlan | null, string>();
    ranked.forEach((m, i) => {
      const r = ranks[i], texts = this.texts(m);
      if (i < cut) {
        summary.admitted.push(m.id);
        m.quotas = added(m.quotas, { grade: g.name, scope: q.scope, demotedTo: null, rank: r, limit, reason: new Reason(this, 'kept', race, r, texts), words: kept([...parts, String(r), ...texts]) });
        return;
      }
      const to = demote(this.plan, g, m.probe);
      const toWords = toMsgs.get(to) ?? toMsgs.set(to, to ? M.name({ name: to.name }) : M.noGrade()).get(to)!;
      const toText = toTexts.get(to) ?? toTexts.set(to, render(toWords, this.lang)).get(to)!;
      const o = othersOf(m), others = o?.arg;
      const reason = others ? new Reason(this, 'tied', race, r, texts, toWords, others) : new Reason(this, 'demoted', race, r, texts, toWords);
      let words: string;
      if (o) {
        const key = [r, toText, ...texts].join('\0');
        let fill = lists.get(key);
        if (fill === undefined) lists.set(key, fill = this.listWords(reason, o));
        if (fill) words = fill(o.names);
        else {
          const said = tied.get(o.arg) ?? tied.set(o.arg, new Map()).get(o.arg)!;
          words = said.get(key) ?? said.set(key, reason.words(this.lang)).get(key)!;
        }
      } else words = demoted([...parts, String(r), toText, ...texts]);
      m.quotas = added(m.quotas, { grade: g.name, scope: q.scope, demotedTo: to?.name ?? null, rank: r, limit, reason, words });
      m.grade = to;
    });
    return { summary };
  }

  /** A tied member's words as a function of the names it is tied with: its words rendered once with
   * two marks for two names (in a big tie's list of the first few and how many more, the same for
   * all of it), the names put in their place joined as the marks were (`, `, `”、“`) — checked
   * against its whole words (null when they differ: each list's are rendered whole). */
  private listWords(reason: Reason, o: Others): ((names: readonly string[]) => string) | null {
    const t = reason.naming(o.more ? M.othersMore({ names: MARKS, ...o.more }) : MARKS).words(this.lang);
    const a = t.indexOf(MARKS[0]), b = t.indexOf(MARKS[1]);
    if (a < 0 || b < a || t.indexOf(MARKS[0], a + 1) >= 0 || t.indexOf(MARKS[1], b + 1) >= 0) return null;
    const before = t.slice(0, a), sep = t.slice(a + 1, b), after = t.slice(b + 1);
    const fill = (n: readonly string[]) => `${before}${n.join(sep)}${after}`;
    return fill(o.names) === reason.words(this.lang) ? fill : null;
  }

  /** Flags the holders of `g` ranked past the soft limit in one scope (after the grade's hard quotas
   * at every scope). Exactly reached: no flag. */
  soft(g: GradePlan, q: QuotaPlan, holders: Contender[], counts: CohortCounts, applied: Applied, named: boolean): void {
    const base = baseOf(q, counts);
    const normal = quotaLimit(q, base, q.normal!);
    applied.summary.normal = normal;
    if (holders.length <= normal) return;
    const { ranked, ranks } = this.rank(holders);
    const { cut } = boundaryTies(ranked, normal, this.cmp);
    const how = render(quotaHow(q, base, q.normal!), this.lang);
    const scope = named ? render(scopeWord(q.scope), this.lang) : undefined;
    const over = ranked.slice(cut);
    applied.summary.over = over.map((m) => m.id);
    applied.summary.flag = render(M.quotaOverNormal({ grade: g.name, n: ranked.length, normal, how, ...(scope ? { scope } : {}) }), this.lang);
    const race = { grade: g.name, normal, how, of: ranked.length, ...(scope ? { scope } : {}) };
    const parts = [String(normal), how, String(ranked.length)];
    const flagged = this.wordsOf('flagged', g, scope, 0, (a, p) => M.quotaFlagged({ ...a, normal: p[0], values: this.values(p.slice(4)) }));
    over.forEach((m, j) => {
      const r = ranks[cut + j], texts = this.texts(m);
      m.flags = added(m.flags, {
        grade: g.name, scope: q.scope, rank: r, normal,
        reason: new Reason(this, 'flagged', race, r, texts), words: flagged([...parts, String(r), ...texts]),
      });
    });
  }
}

const scopeWord = (s: Scope): Msg => (s === 'overall' ? M.scopeOverall() : M.scopeCohort());

/** A member's list of decisions (of flags) with `x` added — its own list made with its first
 * (cohort.ts NO_QUOTAS: until then every member shares one empty, frozen list). */
function added<T>(xs: T[], x: T): T[] {
  if (xs.length === 0) return [x];
  xs.push(x);
  return xs;
}

/** A decision's message, made when it is read — by the closures' results (outcome.ts renders it); the
 * compiled engine writes the decision's `words` (codegen/competitor.ts finalOf). A million-subject
 * cohort keeps ≈ 180,000 decisions until its results are written, and a message tree each (the
 * message, its head, a key-value message per race key), made at once, was most of the memory the
 * quota phase added (issue 16). Fields, not a closure: a closure's context held as much as the tree. */
class Reason implements Msg {
  constructor(private readonly race: Race, private readonly kind: 'kept' | 'demoted' | 'tied' | 'flagged', private readonly head: Readonly<Record<string, MsgArg>>,
    private readonly rank: number, private readonly texts: string[], private readonly to?: Msg, private readonly others?: MsgArg) {}

  private msg(): Msg {
    const head = { ...this.head, rank: this.rank, values: this.race.values(this.texts) };
    switch (this.kind) {
      case 'kept': return M.quotaKept(head as Parameters<typeof M.quotaKept>[0]);
      case 'flagged': return M.quotaFlagged(head as Parameters<typeof M.quotaFlagged>[0]);
      case 'tied': return M.quotaTied({ ...head, others: this.others!, to: this.to! } as Parameters<typeof M.quotaTied>[0]);
      default: return M.quotaDemoted({ ...head, to: this.to! } as Parameters<typeof M.quotaDemoted>[0]);
    }
  }

  /** The same decision naming other people it is tied with. */
  naming(others: MsgArg): Reason { return new Reason(this.race, this.kind, this.head, this.rank, this.texts, this.to, others); }

  /** The words, its message made once (`render` of the Reason itself reads `id` three times and
   * `args` once, each making the message again). */
  words(lang: Locale): string { return render(this.msg(), lang); }

  get id(): string { return this.msg().id; }
  get args(): Msg['args'] { return this.msg().args; }
}

/** Holders best first (input order among equals), and each one's rank (`ranks[i]` of `ranked[i]`):
 * equals share a rank. */
function rank(holders: Contender[], cmp: (a: Contender, b: Contender) => number): { ranked: Contender[]; ranks: number[] } {
  const ranked = [...holders].sort((a, b) => cmp(a, b) || a.index - b.index);
  return { ranked, ranks: competitionRanks(ranked, (a, b) => cmp(a, b) === 0) };
}

/** The holders' race keys as numbers that compare exactly as the keys (ranks.ts `scaled`: the value
 * × 10^6, a safe integer; NaN: no value), `keys` a holder, holder after holder — or null when a value
 * is not such a number (an enum, a text, a finer fraction): then the keys are compared as values. */
function scaledKeys(values: (Value | null)[][], keys: number): Float64Array | null {
  const out = new Float64Array(values.length * keys);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    for (let j = 0; j < keys; j++) {
      const x = v[j];
      if (x === null) { out[i * keys + j] = NaN; continue; }
      if (!(x instanceof Rational)) return null;
      const y = scaled(x);
      if (Number.isNaN(y)) return null;
      out[i * keys + j] = y;
    }
  }
  return out;
}

/** `rank` on scaledKeys' numbers: holder positions p, q compared key by key (`sign` −1: desc; a key
 * without a value after every value, whatever the direction — race.ts compareKey). */
function rankScaled(holders: Contender[], x: Float64Array, sign: Int8Array): { ranked: Contender[]; ranks: number[] } {
  const K = sign.length;
  const cmp = (p: number, q: number): number => {
    for (let j = 0; j < K; j++) {
      const a = x[p * K + j], b = x[q * K + j];
      if (a === b) continue;
      if (a !== a) { if (b !== b) continue; return 1; } // a has no value
      if (b !== b) return -1;
      return a < b ? -sign[j] : sign[j];
    }
    return 0;
  };
  const order = holders.map((_, p) => p).sort((p, q) => cmp(p, q) || holders[p].index - holders[q].index);
  return { ranked: order.map((p) => holders[p]), ranks: competitionRanks(order, (p, q) => cmp(p, q) === 0) };
}

/** How many keep the grade, and who is tied across the boundary: a tie group straddling the limit
 * is demoted whole, so `cut` may be below `limit`. */
function boundaryTies(ranked: Contender[], limit: number, cmp: (a: Contender, b: Contender) => number): { cut: number; ties: Contender[] } {
  let cut = limit;
  const ties: Contender[] = [];
  if (limit > 0 && limit < ranked.length && cmp(ranked[limit - 1], ranked[limit]) === 0) {
    while (cut > 0 && cmp(ranked[cut - 1], ranked[limit]) === 0) cut--;
    for (let i = cut; i < ranked.length && cmp(ranked[i], ranked[limit]) === 0; i++) ties.push(ranked[i]);
  }
  return { cut, ties };
}

/** How a quota's limit was computed, as data: `40% of 7 (graded, round down, min 1)`; with a table,
 * which entry gave the share. */
function quotaHow(q: QuotaPlan, base: number, share: Rational, from?: Msg): Msg {
  const round = q.round === 'up' ? M.roundUp() : q.round === 'nearest' ? M.roundNearest() : M.roundDown();
  return M.quotaHow({
    percent: share.mul(Rational.HUNDRED).toDecimalString(4), base,
    of: q.of === 'all' ? M.ofAll() : M.ofGraded(), round, ...(q.min !== undefined ? { min: q.min } : {}), ...(from ? { from } : {}),
  });
}

/** Two names no id has (control characters: ../subject-id.ts refuses them), marking where a list goes. */
const MARKS = ['\u0001', '\u0002'] as const;

/** At most this many of the others are named in a tied person's reason. */
const NAMED_OTHERS = 5;

/** Whom a tied member names (`names`) and how (`arg`, its reason's `others`: the names, or for a big
 * tie the first few and how many more — `more`, the same for the whole tie). */
interface Others { arg: MsgArg; names: readonly string[]; more?: { more: string; total: string } }

/** Who a tied member is tied with, in words (`undefined` for a member not in the tie): all the others
 * for a small tie, else the first few and how many more. Built once per tie group, and shared by
 * every member past the named ones, so a tie of N costs O(N), not N² (each reason is per person). */
function tiedOthers(ties: Contender[]): (m: Contender) => Others | undefined {
  const tied = new Set(ties);
  const head = ties.slice(0, NAMED_OTHERS + 1);
  const total = ties.length - 1;
  const more = total > NAMED_OTHERS ? { more: (total - NAMED_OTHERS).toLocaleString('en'), total: total.toLocaleString('en') } : undefined;
  const words = (except: Contender | null): Others => {
    const names: string[] = [];
    for (const x of head) if (x !== except && names.length < NAMED_OTHERS) names.push(x.id);
    return more ? { arg: M.othersMore({ names, ...more }), names, more } : { arg: names, names };
  };
  const byHead = new Map(head.map((x) => [x, words(x)] as const));
  const rest = ties.length > head.length ? words(null) : undefined;
  return (m) => (tied.has(m) ? byHead.get(m) ?? rest : undefined);
}

/** The next grade below `g` whose condition holds for the member (`otherwise` always holds): where
 * a quota demotes it (the streaming cohort works out that result before the quotas, stream/compiled.ts). */
export function demote(plan: Plan, g: GradePlan, probe: Probe): GradePlan | null {
  for (const lower of plan.grades.slice(g.index + 1)) {
    if (probe.holds(lower)) return lower;
  }
  return plan.grades[plan.grades.length - 1] ?? null;
}
