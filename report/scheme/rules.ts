// The later sections of the scheme document: the negative lists and rewards (each item's condition
// and effects, the list's cap), the grades (a table of conditions and quotas, how ties at a quota
// line are broken, committee decisions) and the use of the results (bonus factors, follow-up
// actions and what leads to them, the areas to improve).

import type { GradeDecl, GradesDecl, NegativeDecl, OutcomesDecl, Quota, RewardDecl, RuleItem } from '../../dsl/ast.js';
import type { Msg } from '../../dsl/i18n/index.js';
import type { Block } from '../model.js';
import { numberText, W } from '../words/index.js';
import type { DocCtx } from './index.js';
import { D } from './messages.js';

const ZH_SUB = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const q = (c: DocCtx, x: string) => c.say(W.quoted({ x }));

function gradesOf(c: DocCtx): GradesDecl | undefined {
  return c.scheme.decls.find((d): d is GradesDecl => d.kind === 'Grades');
}

function lowestGrade(c: DocCtx): string | undefined {
  return gradesOf(c)?.grades.at(-1)?.name.name;
}

const points = (c: DocCtx, text: string) => c.say(W.points({ n: text }));

/** An item's condition and effects; only the effects when the condition is a yes/no input named like
 * the item itself (`item 受到诫勉 "年度内受到诫勉" when 受到诫勉`: “年度内受到诫勉”：等次最高为“称职”). */
function itemWords(c: DocCtx, item: RuleItem, lowest: string | undefined): string {
  const w = item.when;
  const self = w.kind === 'Name' && !w.builtin && c.words.names.get(w.name)?.kind === 'input'
    && c.words.names.display(w.name) === (item.label?.value ?? item.name.name);
  return self ? c.words.effects(item, { lowestGrade: lowest }) : c.words.ruleItem(item, { lowestGrade: lowest });
}

export function ruleListBlocks(c: DocCtx, kind: 'Negative' | 'Reward'): Block[] {
  const lists = c.scheme.decls.filter((d): d is NegativeDecl | RewardDecl => d.kind === kind);
  const out: Block[] = [];
  const lowest = lowestGrade(c);
  lists.forEach((list, i) => {
    if (lists.length > 1) {
      const n = c.lang === 'zh' ? ZH_SUB[i] ?? String(i + 1) : `${i + 1}.`;
      out.push({ kind: 'heading', level: 3, text: c.say(D.sub({ n, name: c.words.name(list.name.name) })) });
    } else if (list.label) out.push({ kind: 'heading', level: 3, text: q(c, list.label.value) });
    if (list.max) {
      const max = points(c, list.max.kind === 'Number' ? numberText(list.max.text, list.max.percent) : c.words.expr(list.max));
      out.push({ kind: 'paragraph', text: c.say(kind === 'Negative' ? D.listMaxDeduct({ max }) : D.listMaxAdd({ max })) });
    }
    out.push({
      kind: 'list', ordered: true,
      items: list.items.map((item) => [{ strong: q(c, item.label?.value ?? item.name.name) }, c.say(D.let({ name: '', value: itemWords(c, item, lowest) }))]),
    });
  });
  const restricts = kind === 'Negative' && lists.some((l) => l.items.some((i) => i.effects.some((e) => e.kind === 'veto' || e.kind === 'cap' || e.kind === 'nograde')));
  if (restricts) out.push({ kind: 'paragraph', text: c.say(D.vetoNote()), tone: 'note' });
  return out;
}

// ---------------------------------------------------------------- grades

function quotaText(c: DocCtx, quota: Quota, cohort: boolean): string {
  const scope = c.say(quota.scope === 'overall' || !cohort ? D.scopeOverall() : D.scopeCohort());
  const parts: string[] = [];
  if (quota.percent) parts.push(c.say(D.quotaShare({ p: numberText(quota.percent.text, quota.percent.percent), scope })));
  if (quota.table) {
    const entries = quota.table.entries.map((e) => c.say(D.tableEntry({ key: q(c, e.member.name), value: numberText(e.percent.text, e.percent.percent) })));
    parts.push(c.say(D.quotaTable({ key: c.words.name(quota.table.key.name), scope, entries })));
  }
  if (quota.normal) parts.push(c.say(D.quotaNormally({ p: numberText(quota.normal.text, quota.normal.percent) })));
  const options: Msg[] = [];
  if (quota.round === 'up') options.push(D.roundUp());
  if (quota.round === 'nearest') options.push(D.roundNearest());
  // the default is 向下取整 (spec: floor(20% × N)); said, or readers assume 四舍五入 (U6 L-10)
  if (quota.round === 'down' || quota.round === undefined && (quota.percent || quota.table)) options.push(D.roundDown());
  if (quota.min) options.push(D.quotaMin({ min: quota.min.text }));
  if (quota.of === 'all') options.push(D.ofAll());
  if (quota.of === 'graded') options.push(D.ofGraded());
  const text = c.say(W.effects({ items: parts }));
  return options.length ? c.say(D.quotaOptions({ quota: text, options })) : text;
}

function gradeRow(c: DocCtx, g: GradeDecl, cohort: boolean): string[] {
  const cond = g.otherwise || !g.when ? c.say(D.otherwiseCond()) : c.words.condition(g.when);
  const quota = g.quotas.length ? c.say(W.seq({ items: g.quotas.map((x) => quotaText(c, x, cohort)) })) : c.say(D.noQuota());
  return [q(c, g.label?.value ?? g.name.name), cond, quota];
}

export function gradesBlocks(c: DocCtx): Block[] {
  const grades = gradesOf(c);
  if (!grades) return [];
  const cohort = c.scheme.decls.some((d) => d.kind === 'Setting' && d.key === 'cohortBy');
  const out: Block[] = [
    { kind: 'paragraph', text: c.say(D.gradesIntro()) },
    { kind: 'table', head: [c.say(D.thGrade()), c.say(D.thCondition()), c.say(D.thQuota())], rows: grades.grades.map((g) => gradeRow(c, g, cohort)) },
  ];
  if (grades.grades.some((g) => g.quotas.length)) {
    const keys = grades.tiebreak.map((k) => c.say((k.dir === 'asc' ? D.tiebreakKeyAsc : D.tiebreakKeyDesc)({ key: c.words.expr(k.key) })));
    out.push({ kind: 'paragraph', text: c.say(keys.length ? D.tiebreak({ keys }) : D.quotaRank()) });
    out.push({ kind: 'paragraph', text: c.say(D.quotaTies()) });
  }
  if (grades.committee) out.push({ kind: 'paragraph', text: c.say(D.committee()) });
  const restricts = c.scheme.decls.some((d) => d.kind === 'Negative' && d.items.some((i) => i.effects.some((e) => e.kind === 'veto' || e.kind === 'cap')));
  if (restricts) out.push({ kind: 'paragraph', text: c.say(D.restrictNote()), tone: 'note' });
  return out;
}

// ---------------------------------------------------------------- outcomes

interface ActionEntry { name: string; label?: string; causes: string[] }

/** One entry per action — an action is one thing however many rules name it (spec §7): its name,
 * its label where one is given (in `outcomes` or in an item), and every rule that leads to it, the
 * outcome conditions first, then the negative and reward items, in the order of the scheme. */
function actionsOf(c: DocCtx, outcomes: OutcomesDecl | undefined): string[] {
  const byName = new Map<string, ActionEntry>();
  const entry = (name: string, label: string | undefined): ActionEntry => {
    let a = byName.get(name);
    if (!a) byName.set(name, (a = { name, causes: [] }));
    if (a.label === undefined && label !== undefined && label !== name) a.label = label;
    return a;
  };
  for (const a of outcomes?.actions ?? []) entry(a.name.name, a.label?.value).causes.push(c.say(D.causeWhen({ cond: c.words.condition(a.when) })));
  for (const d of c.scheme.decls) {
    if (d.kind !== 'Negative' && d.kind !== 'Reward') continue;
    for (const item of d.items) {
      for (const e of item.effects) {
        if (e.kind !== 'action') continue;
        const name = q(c, item.label?.value ?? item.name.name);
        entry(e.action.name, e.label?.value).causes.push(c.say(d.kind === 'Negative' ? D.causeNegative({ item: name }) : D.causeReward({ item: name })));
      }
    }
  }
  return [...byName.values()].map((a) => {
    const action = a.label ? c.say(D.actionNamed({ name: q(c, a.name), label: a.label })) : q(c, a.name);
    return c.say(D.actionEntry({ action, causes: [...new Set(a.causes)] }));
  });
}

export function outcomesBlocks(c: DocCtx): Block[] {
  const outcomes = c.scheme.decls.find((d): d is OutcomesDecl => d.kind === 'Outcomes');
  const out: Block[] = [];
  if (outcomes?.bonus) {
    out.push({ kind: 'paragraph', text: c.say(D.bonusIntro()) });
    out.push({ kind: 'table', head: [c.say(D.thGrade()), c.say(D.thBonus())], rows: outcomes.bonus.entries.map((e) => [q(c, e.grade.name), c.words.expr(e.value)]), align: ['left', 'right'] });
  }
  const actions = actionsOf(c, outcomes);
  if (actions.length) {
    out.push({ kind: 'paragraph', text: c.say(D.actionsIntro()) });
    out.push({ kind: 'list', items: actions.map((a) => [a]) });
  }
  const improve = outcomes?.improve;
  if (improve) {
    const threshold = improve.below.kind === 'Number' ? points(c, numberText(improve.below.text, improve.below.percent)) : c.words.expr(improve.below);
    out.push({ kind: 'paragraph', text: c.say(improve.max ? D.improveMax({ threshold, max: improve.max.text }) : D.improve({ threshold })) });
  }
  return out;
}
