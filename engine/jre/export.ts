// A checked scheme's rule sections — negative lists, rewards and outcome actions — as
// json-rules-engine rules (`kaohe export FILE --format json-rules-engine`). One rule per item, in
// three rule sets; each rule's event carries the item's effects (veto, cap G, nograde, deduct/add
// with their per/max amounts, action A). The document also lists every fact the rules read (inputs,
// lets, indicator/group scores, result names, and computed facts for what JSON cannot express) and
// the exact operators they use, so a third party can run the rules knowing what to feed them.
//
// Rules run in declaration order (strictly decreasing rule priorities); list caps, the score formula
// and grade precedence are not rules — the document states them under `semantics`.

import { createHash } from 'node:crypto';
import type { Expr, NegativeDecl, RewardDecl } from '../../dsl/ast.js';
import type { CheckedScheme } from '../../dsl/check/types.js';
import { visit } from '../../dsl/check/walk.js';
import { CohortDeps, cohortSites } from '../../dsl/check/cohort-deps.js';
import { periodsHandBack, type PeriodsHandBack } from './periods.js';
import type { SourceFile } from '../../dsl/source.js';
import { ConditionCompiler, type FactSpec, type JreCondition, type Operand } from './conditions.js';
import { EXACT_OPERATORS } from './exact.js';

export type RuleSetName = 'negative' | 'reward' | 'outcome';

export type EffectJson =
  | { veto: true } | { cap: string } | { nograde: true } | { action: string }
  | { deduct: AmountJson } | { add: AmountJson };
/** `deduct N [per E] [max M]`: the amount is min(N × E, M). */
export interface AmountJson { amount: Operand; per?: Operand; max?: Operand }

export interface RuleJson {
  name: string;
  priority: number;
  conditions: JreCondition;
  event: { type: 'negative' | 'reward' | 'action'; params: Record<string, unknown> & { index: number } };
}

export interface JreDocument {
  format: 'json-rules-engine';
  scheme: { id: string; version: string | null; hash: string };
  semantics: Record<string, string>;
  operators: Record<string, string>;
  lists: { kind: 'negative' | 'reward'; name: string; label?: string; max?: Operand; rules: string[] }[];
  facts: Record<string, Omit<FactSpec, 'id' | 'node'>>;
  rules: Record<RuleSetName, RuleJson[]>;
  /** A scheme with cohort aggregates (issue 13) is handed back to kaohe: why, and where they are. */
  cohort?: { evaluator: 'kaohe'; reason: string; aggregates: string[] };
  /** A scheme with `results of` / `past` inputs (issue 14) is handed back to kaohe: why, and which inputs. */
  periods?: PeriodsHandBack;
}

/** The document plus what the runtime needs (fact specs with their AST nodes, facts used per set). */
export interface Exported { doc: JreDocument; facts: Map<string, FactSpec>; used: Record<RuleSetName, Set<string>> }

const SEMANTICS: Record<string, string> = {
  numbers: 'Every number is exact text: a decimal ("0.98") or a fraction ("2/3"). Compare numbers only with the exact* operators.',
  order: 'Rules of a set run in declaration order (decreasing priority); all/any members have decreasing priorities so they short-circuit left to right.',
  amounts: 'deduct/add {amount, per, max}: amount × per (per defaults to 1), at most max; operands are exact text or {fact, path}.',
  lists: "Each list's deductions (or additions) are summed and capped by the list's max.",
  attached: "An event with `for` (an item attached to an indicator) is evaluated as any other rule, but kaohe's evaluator puts its amount into that indicator's subtotal = max(0, points + adds − deducts) instead of the list's total; in a list with such items the max is given out item by item in declaration order (an item that crosses it gets the remainder), and base is the sum of the subtotals.",
  score: 'score = max(0, base × adjust + Σ rewards − Σ deductions).',
  grade: 'nograde beats veto (lowest grade) beats cap; among caps the most restrictive wins; a cap lowers the grade even when its own condition fails.',
  outcome: 'Outcome rules read reported (rounded) values: score, grade, NAME@reported. grade is null for a subject without a grade.',
  values: 'A condition value {fact, path} is read from that fact (`x in L` over a list input or let: {fact: x, operator: exactIn or in, value: {fact: L}}); `x in SCALE` lists the scale\'s values.',
  computed: 'expr@LINE:COL facts are expressions the JSON form cannot express, evaluated by the kaohe evaluator at that source position.',
};

export function exportRules(checked: CheckedScheme, file: SourceFile): Exported {
  const cc = new ConditionCompiler(checked, file);
  const { symbols, scheme } = checked;
  const line = (span: { start: number }) => file.position(span.start).line;
  const used: Record<RuleSetName, Set<string>> = { negative: new Set(), reward: new Set(), outcome: new Set() };
  const lists: JreDocument['lists'] = [];

  const ruleSet = (decls: (NegativeDecl | RewardDecl)[], set: 'negative' | 'reward'): RuleJson[] => {
    const u = used[set];
    const rules: Omit<RuleJson, 'priority'>[] = [];
    for (const d of decls) {
      const names: string[] = [];
      for (const item of d.items) {
        const effects: EffectJson[] = item.effects.flatMap((e): EffectJson[] => {
          switch (e.kind) {
            case 'veto': return [{ veto: true }];
            case 'nograde': return [{ nograde: true }];
            case 'cap': return [{ cap: checked.memberRefs.get(e.grade)?.name ?? e.grade.name }];
            case 'action': return [{ action: e.action.name }];
            case 'deduct': case 'add': {
              const amount: AmountJson = { amount: cc.operand(e.amount, false, u) };
              if (e.per) amount.per = cc.operand(e.per, false, u);
              if (e.max) amount.max = cc.operand(e.max, false, u);
              return [e.kind === 'deduct' ? { deduct: amount } : { add: amount }];
            }
          }
        });
        const name = `${d.name.name}.${item.name.name}`;
        names.push(name);
        rules.push({
          name,
          conditions: cc.root(item.when, false, u),
          event: {
            type: set, params: {
              list: d.name.name, item: item.name.name, ...(item.label ? { label: item.label.value } : {}),
              ...(item.for ? { for: item.for.name } : {}), // attached item (issue 12): see semantics.attached
              at: `line ${line(item.span)}`, index: rules.length, effects,
            },
          },
        });
      }
      lists.push({ kind: set, name: d.name.name, ...(d.label ? { label: d.label.value } : {}), ...(d.max ? { max: cc.operand(d.max, false, u) } : {}), rules: names });
    }
    return prioritized(rules);
  };

  const negative = ruleSet(symbols.negatives, 'negative');
  const reward = ruleSet(symbols.rewards, 'reward');
  const outcome = prioritized((symbols.outcomes?.actions ?? []).map((a, index) => {
    const cond = cc.cond(a.when, true, used.outcome);
    // §12: outcome rules that test `grade` do not match a subject without a grade.
    const conditions: JreCondition = testsGrade(a.when, checked)
      ? { all: [{ fact: 'grade', operator: 'notEqual', value: null, priority: 2 }, { ...cond, priority: 1 }] }
      : 'all' in cond || 'any' in cond || 'not' in cond ? cond : { all: [cond] };
    if (testsGrade(a.when, checked)) cc.asFact(gradeName(a.when, checked)!, true, used.outcome);
    return {
      name: `outcomes.${a.name.name}`, conditions,
      event: { type: 'action' as const, params: { action: a.name.name, ...(a.label ? { label: a.label.value } : {}), at: `line ${line(a.span)}`, index } },
    };
  }));

  const ver = symbols.settings.get('version');
  const facts: JreDocument['facts'] = {};
  const cohort = cohortHandBack(checked, file);
  for (const [id, f] of cc.facts) {
    const { id: _id, node: _node, ...rest } = f;
    if (cohort && cohort.reads(f)) { rest.cohort = true; f.cohort = true; }
    facts[id] = rest;
  }
  const doc: JreDocument = {
    format: 'json-rules-engine',
    scheme: {
      id: scheme.name.name, version: ver?.key === 'version' ? ver.value.value : null,
      hash: 'sha256:' + createHash('sha256').update(file.text, 'utf8').digest('hex'),
    },
    semantics: SEMANTICS, operators: EXACT_OPERATORS, lists, facts,
    rules: { negative, reward, outcome },
    ...(cohort ? { cohort: cohort.doc } : {}),
    ...((periods) => (periods ? { periods } : {}))(periodsHandBack(checked, file)),
  };
  return { doc, facts: cc.facts, used };
}

/** A scheme with cohort aggregates (`overall max(x)`, issue 13): each subject's values depend on the
 * whole batch, which a rule engine fed one subject's facts cannot know, so the document says so and
 * marks the facts that read them (through lets, indicators, …; score and the other results whenever
 * the indicator tree or the rules read one). */
function cohortHandBack(checked: CheckedScheme, file: SourceFile): { doc: NonNullable<JreDocument['cohort']>; reads: (f: FactSpec) => boolean } | undefined {
  const sites = cohortSites(checked);
  if (!sites.length) return undefined;
  const deps = new CohortDeps(checked);
  const grades = checked.scheme.decls.filter((d) => d.kind === 'Grades' || d.kind === 'Outcomes').map((d) => d.span);
  const scoreReads = sites.some((x) => !grades.some((g) => g.start <= x.agg.span.start && x.agg.span.end <= g.end));
  const text = (a: { span: { start: number; end: number } }) => file.slice(a.span).replace(/\s+/g, ' ');
  const first = sites[0].agg;
  return {
    doc: {
      evaluator: 'kaohe',
      reason: `this scheme compares each subject with its cohort (line ${file.position(first.span.start).line}: \`${text(first)}\`): `
        + 'a cohort aggregate is a value over every subject of the batch or of the subject\'s cohort, which one subject\'s facts cannot give; '
        + 'evaluate the scheme with kaohe (a cohort evaluation); facts marked `cohort` read such values',
      aggregates: sites.map((x) => `line ${file.position(x.agg.span.start).line}: ${text(x.agg)}`),
    },
    reads: (f) => deps.expr(f.node).aggs.size > 0 || (scoreReads && f.kind === 'result'),
  };
}

/** Rule priorities decrease in declaration order, so the engine runs one rule at a time, in order. */
function prioritized(rules: Omit<RuleJson, 'priority'>[]): RuleJson[] {
  return rules.map((r, i) => ({ name: r.name, priority: rules.length - i, conditions: r.conditions, event: r.event }));
}

function gradeName(e: Expr, checked: CheckedScheme): Expr | undefined {
  let found: Expr | undefined;
  visit(e, (x) => {
    if (!found && x.kind === 'Name') { const r = checked.refs.get(x); if (r?.kind === 'result' && r.name === 'grade') found = x; }
  });
  return found;
}
function testsGrade(e: Expr, checked: CheckedScheme): boolean { return gradeName(e, checked) !== undefined; }
