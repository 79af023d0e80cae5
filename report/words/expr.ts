// A scheme expression as words (issue 15): conditions become sentences (`“有效投诉”达到3`,
// `“岗位”为“行政执法”，且“职级”为“一级主任科员”或以上`), arithmetic a formula with names quoted
// (`100 − “全年缺勤天数” × 5`), functions, aggregates, tables and the scoring forms phrases. Every
// word comes from the `words` catalog (messages.ts) in the document's language; names come from the
// scheme as the author wrote them (their label when they have one), always quoted, so a reader can
// tell them from the words around them and a Chinese sentence never carries a bare English name.
//
// Precedence: each rendering says how tightly it binds (P below, as dsl/format/expr.ts); a parent
// wraps a looser child in （） / (). Phrases ("…中的较小者") bind looser than arithmetic, so
// `min(a, b) * 100` reads `（“a”与“b”中的较小者）× 100` and never `…较小者 × 100` ambiguously.

import type { Band, CompareOp, Expr, LevelsExpr, LinearExpr, NameRef } from '../../dsl/ast.js';
import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { canonicalBuiltin, canonicalIn, PERIOD_RESULT_FIELDS } from '../../dsl/keywords.js';
import { flip } from '../../dsl/ops.js';
import type { NameTable } from './names.js';
import { W } from './messages.js';

const P = { top: 1, or: 2, and: 3, not: 4, cmp: 5, phrase: 5.5, add: 6, mul: 7, neg: 8, atom: 9 } as const;

interface Out { text: string; prec: number }

/** What a rendering needs: the document's language, the scheme's names, and the binders in scope
 * (`t` in `avg(t in 工作任务 : …)` reads “the entry”, `t.完成率` “its 完成率”). */
export interface Scope {
  lang: Locale;
  names: NameTable;
  binders: ReadonlySet<string>;
}

const say = (s: Scope, m: Msg): string => render(m, s.lang);
const out = (text: string, prec: number): Out => ({ text, prec });

/** The text of `e`, wrapped when it binds looser than `min`. */
function at(e: Expr, s: Scope, min: number, cond = false): string {
  const o = word(e, s, cond);
  return o.prec < min ? say(s, W.paren({ x: o.text })) : o.text;
}

/** `e` as words; `cond` when it stands where a condition is read (a bare bool name reads “… is yes”). */
export function exprWords(e: Expr, s: Scope): string {
  return word(e, s, false).text;
}

/** `e` read as a condition. */
export function conditionWords(e: Expr, s: Scope): string {
  return word(e, s, true).text;
}

function word(e: Expr, s: Scope, cond: boolean): Out {
  switch (e.kind) {
    case 'Number': return out(numberText(e.text, e.percent), P.atom);
    case 'String': return out(say(s, W.quoted({ x: e.value })), P.atom);
    case 'Bool': return out(say(s, e.value ? W.yes() : W.no()), P.atom);
    case 'Name': {
      const text = nameText(e, s);
      return cond && !builtinOf(e, s) ? out(say(s, W.isYes({ x: text })), P.cmp) : out(text, P.atom);
    }
    case 'Field': {
      const text = fieldText(e.object, e.field.name, s);
      return cond ? out(say(s, W.isYes({ x: text })), P.cmp) : out(text, P.atom);
    }
    case 'Unary': return unary(e.op, e.operand, s, cond);
    case 'Binary': return binary(e.op, e.left, e.right, s);
    case 'In': return membership(e, s);
    case 'Interval': {
      const edge = (open: boolean) => say(s, open ? W.exclusive() : W.inclusive());
      return out(say(s, W.interval({ x: at(e.value, s, P.add), lo: at(e.lo, s, P.add), hi: at(e.hi, s, P.add), loEdge: edge(e.loOpen), hiEdge: edge(e.hiOpen) })), P.cmp);
    }
    case 'If': return ifWords(e, s, cond);
    case 'Index': return out(say(s, W.lookup({ table: at(e.object, s, P.atom), key: at(e.index, s, P.add) })), P.phrase);
    case 'Call': return call(e.fn, e.callee.name, e.args, s);
    case 'Aggregate': return aggregate(e, s);
    case 'CohortAgg': return cohort(e, s);
    case 'Bands': return out(bandsWords(e.subject, e.bands, e.else, s), P.phrase);
    case 'Levels': return out(levelsWords(e, s), P.phrase);
    case 'Linear': return out(linearWords(e, s), P.phrase);
    case 'Rate': return out(rateWords(e.subject, s), P.phrase);
    case 'Duration': {
      const n = e.amount.text;
      return out(say(s, e.unit === 'days' ? W.days({ n }) : e.unit === 'months' ? W.months({ n }) : W.years({ n })), P.atom);
    }
    case 'List': return out(say(s, W.paren({ x: e.items.map((x) => at(x, s, P.top)) })), P.atom);
    case 'Object': return out(say(s, W.paren({ x: e.entries.map((x) => `${say(s, W.quoted({ x: x.key.name }))}${at(x.value, s, P.top)}`) })), P.atom);
    case 'Error': return out(say(s, W.unreadable()), P.atom);
  }
}

export function numberText(text: string, percent: boolean): string {
  return percent ? `${text}%` : text;
}

/** A result name (`score`, `grade`…) or a period edge, unless the scheme declares that name. */
function builtinOf(e: NameRef, s: Scope): string | undefined {
  if (e.quoted || s.binders.has(e.name) || s.names.get(e.name)) return undefined;
  return e.builtin ?? canonicalBuiltin(e.name);
}

const RESULT_WORDS: Record<string, () => Msg> = {
  score: W.score, base: W.base, rewards: W.rewards, deductions: W.deductions, grade: W.grade, bonus: W.bonus,
  periodStart: W.periodStart, periodEnd: W.periodEnd,
};

/** A name as the reader sees it: a result word, “the entry”, or the quoted label (else name). */
export function nameText(e: NameRef, s: Scope): string {
  if (s.binders.has(e.name) && !e.quoted) return say(s, W.entry());
  const b = builtinOf(e, s);
  if (b && RESULT_WORDS[b]) return say(s, RESULT_WORDS[b]());
  return say(s, W.quoted({ x: s.names.display(e.name) }));
}

function fieldText(object: Expr, field: string, s: Scope): string {
  if (object.kind === 'Name' && s.binders.has(object.name) && !object.quoted) {
    return say(s, W.entryField({ field: say(s, W.quoted({ x: periodField(field, s) })) }));
  }
  return say(s, W.field({ object: at(object, s, P.atom), field: say(s, W.quoted({ x: periodField(field, s) })) }));
}

/** A field of an earlier period's result (`r.grade` / `r.考核等次`) in the document's language. */
function periodField(field: string, s: Scope): string {
  const c = canonicalIn(PERIOD_RESULT_FIELDS, field);
  if (!c) return field;
  return s.lang === 'zh' ? PERIOD_RESULT_FIELDS[c] : c;
}

function unary(op: '-' | 'not', operand: Expr, s: Scope, cond: boolean): Out {
  if (op === '-') return out(say(s, W.neg({ x: at(operand, s, P.neg) })), P.neg);
  void cond;
  if (operand.kind === 'Name' || operand.kind === 'Field') {
    const text = operand.kind === 'Name' ? nameText(operand, s) : fieldText(operand.object, operand.field.name, s);
    return out(say(s, W.isNo({ x: text })), P.cmp);
  }
  return out(say(s, W.not({ x: at(operand, s, P.top, true) })), P.not);
}

const ARITH: Record<'+' | '-' | '*' | '/', { m: (a: { l: string; r: string }) => Msg; prec: number }> = {
  '+': { m: W.add, prec: P.add }, '-': { m: W.sub, prec: P.add }, '*': { m: W.mul, prec: P.mul }, '/': { m: W.div, prec: P.mul },
};

function binary(op: string, left: Expr, right: Expr, s: Scope): Out {
  if (op === 'and' || op === 'or') {
    const prec = op === 'and' ? P.and : P.or;
    const l = at(left, s, prec, true);
    const r = at(right, s, prec, true);
    return out(say(s, op === 'and' ? W.and({ l, r }) : W.or({ l, r })), prec);
  }
  if (op in ARITH) {
    const a = ARITH[op as keyof typeof ARITH];
    const l = at(left, s, a.prec);
    // `a - (b - c)` and `a / (b * c)` keep their parentheses; `a + (b + c)` reads the same without.
    const r = at(right, s, op === '-' || op === '/' ? a.prec + 1 : a.prec);
    return out(say(s, a.m({ l, r })), a.prec);
  }
  return out(comparison(op as CompareOp, left, right, s), P.cmp);
}

/** Enum members and grades compare by order: `grade >= 称职` reads “称职 or better”. */
function isMember(e: Expr, s: Scope): boolean {
  return e.kind === 'Name' && !s.binders.has(e.name) && s.names.isMember(e.name) && !s.names.get(e.name);
}

/** Scores (result names, indicators, groups) take the unit 分 beside a number. */
function isScore(e: Expr, s: Scope): boolean {
  if (e.kind !== 'Name' || s.binders.has(e.name)) return false;
  const b = builtinOf(e, s);
  if (b) return b === 'score' || b === 'base' || b === 'rewards' || b === 'deductions';
  return s.names.isScore(e.name);
}

function comparison(op: CompareOp, left: Expr, right: Expr, s: Scope): string {
  // A constant or member on the left (`90 <= score`) reads better turned round.
  if ((left.kind === 'Number' || isMember(left, s)) && right.kind !== 'Number' && !isMember(right, s)) {
    [left, right, op] = [right, left, flip(op)];
  }
  const member = isMember(right, s);
  const t = right.kind === 'Number' ? numberWithUnit(left, right, s) : at(right, s, P.phrase);
  // In Chinese the entry an aggregate looks at needs no word of its own: “中为“好”的项数”.
  const bareEntry = s.lang === 'zh' && left.kind === 'Name' && s.binders.has(left.name) && !left.quoted;
  const l = bareEntry ? '' : at(left, s, P.phrase);
  return say(s, comparePhrase(op, l, t, member));
}

/** A number compared with `subject`: a score takes 分 (`90分`), a count named for what it counts
 * its measure word (`“迟到早退次数”达到2次`, but `大于0`), any other number stands alone. */
function numberWithUnit(subject: Expr, n: Extract<Expr, { kind: 'Number' }>, s: Scope): string {
  const text = numberText(n.text, n.percent);
  if (isScore(subject, s)) return say(s, W.points({ n: text }));
  // “大于0” needs no measure word: nothing is counted yet.
  const u = n.percent || Number(n.text) === 0 ? undefined : countUnit(subject, s);
  return u ? say(s, W.counted({ n: text, u })) : text;
}

// A count's measure word from the end of its name (`迟到早退次数` counts 次, `全年缺勤天数` 天): the
// words a Chinese reader expects after a number of it (2次) and in a rate (每次扣1分). Longest first.
const MEASURES: [suffix: string, unit: () => Msg][] = [
  ['人次数', W.uPersonTimes], ['小时数', W.uHours], ['人次', W.uPersonTimes],
  ['次数', W.uTimes], ['天数', W.uDays], ['日数', W.uDays], ['人数', W.uPeople], ['项数', W.uItems],
  ['件数', W.uPieces], ['起数', W.uCases], ['篇数', W.uArticles], ['个数', W.uOnes], ['月数', W.uMonths],
];

/** The measure word of a declared value (input or computed value) named like a count, if any. */
export function countUnit(e: Expr, s: Scope): Msg | undefined {
  if (e.kind !== 'Name' || s.binders.has(e.name) || builtinOf(e, s)) return undefined;
  const kind = s.names.get(e.name)?.kind;
  if (kind !== 'input' && kind !== 'let') return undefined;
  const shown = s.names.display(e.name);
  return MEASURES.find(([suffix]) => shown.endsWith(suffix))?.[1]();
}

/** What one unit of `per` is in a rate (`扣1分 per E`): a count's measure word (每次), a score's 分
 * (每分), a whole-number input's 个 (每个), else a neutral 1个 (每1个). */
export function perUnit(e: Expr, s: Scope): Msg {
  if (isScore(e, s)) return W.uPoints();
  const u = countUnit(e, s);
  if (u) return u;
  const t = e.kind === 'Name' && !s.binders.has(e.name) ? s.names.get(e.name)?.type : undefined;
  return t?.kind === 'PrimType' && t.name === 'integer' ? W.uOnes() : W.uOne();
}

/** `l op t` as a clause: `“有效投诉”达到3`, `评定等次为“称职”或以上`. */
function comparePhrase(op: CompareOp, l: string, t: string, member: boolean): Msg {
  switch (op) {
    case '==': return W.isEq({ l, t });
    case '!=': return W.isNe({ l, t });
    case '>': return member ? W.isGtMember({ l, t }) : W.isGt({ l, t });
    case '>=': return member ? W.isGeMember({ l, t }) : W.isGe({ l, t });
    case '<': return member ? W.isLtMember({ l, t }) : W.isLt({ l, t });
    case '<=': return member ? W.isLeMember({ l, t }) : W.isLe({ l, t });
  }
}

/** The operator with its right side, without a subject: `达到98%`, `为“称职”或以上`. */
export function opPhrase(op: CompareOp, t: string, member = false): Msg {
  switch (op) {
    case '==': return W.opEq({ t });
    case '!=': return W.opNe({ t });
    case '>': return member ? W.opGtMember({ t }) : W.opGt({ t });
    case '>=': return member ? W.opGeMember({ t }) : W.opGe({ t });
    case '<': return member ? W.opLtMember({ t }) : W.opLt({ t });
    case '<=': return member ? W.opLeMember({ t }) : W.opLe({ t });
  }
}

function membership(e: Extract<Expr, { kind: 'In' }>, s: Scope): Out {
  const x = at(e.value, s, P.add);
  if (e.of) {
    const name = e.of.name;
    if (s.names.isScale(name)) return out(say(s, W.inScale({ x, scale: say(s, W.quoted({ x: s.names.display(name) })) })), P.cmp);
    return out(say(s, W.inList({ x, list: nameText(e.of, s) })), P.cmp);
  }
  const set = say(s, W.orList({ items: e.set.map((m) => at(m, s, P.add)) }));
  return out(say(s, W.inSet({ x, set })), P.cmp);
}

function ifWords(e: Extract<Expr, { kind: 'If' }>, s: Scope, cond: boolean): Out {
  const cases: string[] = [];
  let cur: Expr = e;
  while (cur.kind === 'If') {
    cases.push(say(s, W.ifThen({ cond: at(cur.cond, s, P.top, true), then: at(cur.then, s, P.add, cond) })));
    cur = cur.else;
  }
  const otherwise = at(cur, s, P.add, cond);
  const text = cases.length === 1 ? say(s, W.ifOne({ case: cases[0], else: otherwise })) : say(s, W.ifChain({ cases, else: otherwise }));
  return out(text, P.top);
}

function call(fn: string, callee: string, args: Expr[], s: Scope): Out {
  const a = (i: number, min: number = P.phrase) => at(args[i], s, min);
  const phrase = (m: Msg) => out(say(s, m), P.phrase);
  switch (fn) {
    case 'min': case 'max': {
      if (args.length === 1) return phrase(fn === 'min' ? W.minIn({ x: a(0, P.atom) }) : W.maxIn({ x: a(0, P.atom) }));
      const items = say(s, W.andList({ items: args.map((x) => at(x, s, P.add)) }));
      return phrase(fn === 'min' ? W.minOf({ items }) : W.maxOf({ items }));
    }
    case 'avg': return phrase(W.avgIn({ x: a(0, P.atom) }));
    case 'sum': return phrase(W.sumIn({ x: a(0, P.atom) }));
    case 'count': return phrase(W.countIn({ x: a(0, P.atom) }));
    case 'any': return phrase(W.anyIn({ x: a(0, P.atom) }));
    case 'all': return phrase(W.allIn({ x: a(0, P.atom) }));
    case 'abs': return phrase(W.abs({ x: a(0) }));
    case 'floor': return phrase(W.floor({ x: a(0) }));
    case 'ceil': return phrase(W.ceil({ x: a(0) }));
    case 'round': return phrase(args.length > 1 ? W.round({ x: a(0), n: a(1, P.atom) }) : W.roundWhole({ x: a(0) }));
    case 'clamp': if (args.length === 3) return phrase(W.clamp({ x: a(0), lo: a(1, P.add), hi: a(2, P.add) }));
  }
  const name = say(s, W.quoted({ x: s.names.display(callee) }));
  return out(say(s, W.call({ fn: name, args: args.map((x) => at(x, s, P.top)) })), P.atom);
}

function aggregate(e: Extract<Expr, { kind: 'Aggregate' }>, s: Scope): Out {
  const inner: Scope = { ...s, binders: new Set([...s.binders, e.binder.name]) };
  const list = at(e.list, s, P.atom);
  const where = e.where ? say(s, W.where({ cond: at(e.where, inner, P.top, true) })) : '';
  const body = e.body ? at(e.body, inner, P.phrase, e.fn === 'any' || e.fn === 'all') : say(s, W.each());
  let m: Msg;
  switch (e.fn) {
    case 'count': m = e.where ? W.count({ list, where }) : W.countIn({ x: list }); break;
    case 'sum': m = W.sum({ list, where, body }); break;
    case 'avg': m = e.weight ? W.avgWeighted({ list, where, body, weight: at(e.weight, inner, P.phrase) }) : W.avg({ list, where, body }); break;
    case 'min': m = W.min({ list, where, body }); break;
    case 'max': m = W.max({ list, where, body }); break;
    case 'any': m = W.any({ list, where, body }); break;
    case 'all': m = W.all({ list, where, body }); break;
    case 'streak': m = W.streak({ list, cond: e.where ? at(e.where, inner, P.top, true) : body }); break;
  }
  // In English a filtered aggregate runs into the words around it ("… where the entry is 好 is at
  // least 2"): it is bracketed wherever a phrase would be compared or computed with.
  const filtered = s.lang === 'en' && e.where !== undefined;
  return out(say(s, m), e.fn === 'any' || e.fn === 'all' ? P.cmp : filtered ? P.phrase - 0.1 : P.phrase);
}

function cohort(e: Extract<Expr, { kind: 'CohortAgg' }>, s: Scope): Out {
  const scope = say(s, e.scope === 'overall' ? W.scopeOverall() : W.scopeCohort());
  const x = at(e.arg, s, P.add);
  let m: Msg;
  switch (e.fn) {
    case 'max': m = W.cohortMax({ x, scope }); break;
    case 'min': m = W.cohortMin({ x, scope }); break;
    case 'avg': m = W.cohortAvg({ x, scope }); break;
    case 'percentile': m = W.cohortPercentile({ x, scope, p: e.p ? at(e.p, s, P.atom) : '50' }); break;
    case 'rank': m = e.dir === 'asc' ? W.cohortRankAsc({ x, scope }) : W.cohortRankDesc({ x, scope }); break;
  }
  return out(say(s, m), P.phrase);
}

/** A score as written in a band, level or point: a number takes the unit (`100分`). */
function scoreText(e: Expr, s: Scope): string {
  return e.kind === 'Number' ? say(s, W.points({ n: numberText(e.text, e.percent) })) : at(e, s, P.add);
}

export function bandsWords(subject: Expr, bands: readonly Band[], otherwise: Expr | undefined, s: Scope): string {
  const parts = bands.map((b) => {
    const t = b.threshold.kind === 'Number' ? numberWithUnit(subject, b.threshold, s) : at(b.threshold, s, P.add);
    return say(s, W.band({ cond: say(s, opPhrase(b.op, t, isMember(b.threshold, s))), score: scoreText(b.score, s) }));
  });
  if (otherwise) parts.push(say(s, W.otherwise({ score: scoreText(otherwise, s) })));
  return say(s, W.bands({ x: at(subject, s, P.add), bands: say(s, W.seq({ items: parts })) }));
}

function levelsWords(e: LevelsExpr, s: Scope): string {
  const parts = e.entries.map((l) => say(s, W.level({ member: say(s, W.quoted({ x: s.names.display(l.member.name) })), score: scoreText(l.score, s) })));
  if (e.else) parts.push(say(s, W.otherwise({ score: scoreText(e.else, s) })));
  return say(s, W.levels({ x: at(e.subject, s, P.add), levels: say(s, W.seq({ items: parts })) }));
}

function linearWords(e: LinearExpr, s: Scope): string {
  const points = e.points.map((p) => say(s, W.linearPoint({ x: at(p.x, s, P.add), y: scoreText(p.y, s) })));
  const first = e.points[0], last = e.points[e.points.length - 1];
  return say(s, W.linear({
    x: at(e.subject, s, P.add), points,
    first: first ? scoreText(first.y, s) : '', last: last ? scoreText(last.y, s) : '',
  }));
}

function rateWords(subject: Expr, s: Scope): string {
  const panel = subject.kind === 'Name' ? s.names.panelOf(subject.name) : undefined;
  const x = at(subject, s, P.atom);
  return panel ? say(s, W.rate({ x, panel: say(s, W.quoted({ x: s.names.display(panel) })) })) : say(s, W.rateOnly({ x }));
}
