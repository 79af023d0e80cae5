// Running one subject through the stages (validate input and display → tree/base → rules →
// totals/grade), with every failure caught at this boundary and returned as EvalErrors naming the
// subject and data path.

import type { Locale } from '../dsl/i18n/index.js';
import type { Period } from '../dsl/dates.js';
import type { Display, EvalError, EvalOptions, SubjectInput, SubjectStanding } from './api.js';
import { checkStanding } from './periods/standing.js';
import { aloneError, comparesWithCohort, type CohortSeat } from './cohort-values.js';
import { checkDecision, type Decision } from './decision.js';
import { validateDisplay } from './display.js';
import { withDisplayInputs } from './display-inputs.js';
import { evalError, toEvalError } from './errors.js';
import { begin, completeSubject, scoreSubject, type beginSubject, type SubjectState } from './evaluate.js';
import { Tracer } from './explain.js';
import { M } from './messages.js';
import type { Plan } from './plan.js';
import { isPromise, nativeRules, type MaybePromise, type RuleMatch, type RulesRuntime } from './rules.js';
import { validateInput } from './validate.js';
import { Subject } from './subject.js';
import type { Value } from './values.js';

const runtimes = new Map<string, RulesRuntime>([['native', nativeRules]]);

/** Plugs in another rules runtime (json-rules-engine) under a name usable as `rulesRuntime`. */
export function registerRulesRuntime(name: string, rt: RulesRuntime): void { runtimes.set(name, rt); }

/** The runtime an evaluation asked for. json-rules-engine is loaded only when first asked for, so
 * ordinary evaluations never pay for importing it. */
export function runtimeFor(opts?: EvalOptions): MaybePromise<RulesRuntime | EvalError> {
  const name = opts?.rulesRuntime ?? 'native';
  const rt = runtimes.get(name);
  if (rt) return rt;
  if (name === 'jre') return import('./jre/register.js').then(() => runtimes.get(name) ?? unavailable(name));
  return unavailable(name);
}

const unavailable = (name: string): EvalError => evalError('KH-E099', M.runtimeUnavailable({ name }));

export type Ran = { ok: true; state: SubjectState } | { ok: false; errors: EvalError[] };

export interface RunOptions {
  explain?: boolean;
  /** The language of the words the evaluation writes (default en). */
  lang?: Locale;
  /** Where the subject sits in the request: `subjects[3].` in a cohort, '' alone. Its input's paths
   * get `<at>input.` in front (nothing alone), its display's `<at>display`. */
  at?: string;
  /** At most this many problems, then a KH-E009 if there were more. */
  maxErrors?: number;
  /** The evaluation's period, already checked (period.ts). */
  period?: Period;
  /** A subject of a cohort with cohort aggregates (issue 13): where its values are, once the batch
   * computed them. The batch validated the subject already to read the aggregates' arguments, and
   * validates it again here: keeping every validated input alive between the phases cost more (old-
   * generation garbage collection of 100,000 input maps) than validating twice. */
  seat?: CohortSeat;
  /** Stop at the score: the candidate grade comes after the cohort values that read score (issue 13). */
  ungraded?: boolean;
  /** The result carries `exact` values (issue 14, EvalOptions.exactValues). */
  exactValues?: boolean;
}

/** A subject validated (display, input, decision), nothing evaluated yet; `cohortSeat`: where its
 * values of the scheme's cohort aggregates are, once the batch computed them (issue 13). */
export interface Prepared {
  id: string; values: Map<string, Value>; display?: Display; decision?: Decision;
  cohortSeat?: CohortSeat;
  /** Its roster standing (issue 14, periods/standing.ts). */
  standing?: SubjectStanding;
}
export type Checked = { ok: true; prepared: Prepared } | { ok: false; errors: EvalError[] };

/** Validates one subject's display, input and decision. A cohort with cohort aggregates (issue 13)
 * does this first for every subject to read the aggregates' arguments, then runs each (`RunOptions.seat`). */
export function prepareSubject(plan: Plan, subj: SubjectInput, opts: RunOptions = {}): Checked {
  const at = opts.at ?? '';
  const prefix = at ? `${at}input.` : '';
  const max = opts.maxErrors ?? Infinity;
  const shown = validateDisplay(subj.display, `${at}display`);
  if (shown.errors.length > max) return { ok: false, errors: [...shown.errors.slice(0, max), stoppedAt(`${at}display`)].map((e) => ({ ...e, subject: subj.id })) };
  const { values, errors, truncated } = validateInput(subj.input, plan.contract, prefix, max - shown.errors.length, opts.period);
  errors.unshift(...shown.errors);
  if (truncated) errors.push(stoppedAt(prefix.replace(/\.$/, '') || 'input'));
  const decided = truncated ? undefined : checkDecision(plan, subj.decision, `${at}decision`, max - errors.length); // issue 13
  if (decided) errors.push(...decided.errors, ...(decided.truncated ? [stoppedAt(`${at}decision`)] : []));
  const stood = subj.standing === undefined ? undefined : checkStanding(subj.standing, `${at}standing`); // issue 14
  if (stood) errors.push(...stood.errors);
  if (errors.length) return { ok: false, errors: errors.map((e) => ({ ...e, subject: subj.id })) };
  const prepared: Prepared = { id: subj.id, values, display: shown.display, decision: decided?.decision };
  if (stood?.standing) prepared.standing = stood.standing;
  return { ok: true, prepared };
}

/** A prepared subject's evaluation context. A fresh one per use: the batch reads the aggregates'
 * arguments from one it then drops, so only the subject's seat lives between the phases. */
export function contextOf(plan: Plan, p: Prepared, opts: RunOptions = {}): Subject {
  const subject = new Subject(plan, p.id, p.values, opts.explain ? new Tracer(opts.lang) : undefined, opts.lang, opts.period);
  subject.decision = p.decision; // before the candidate grade (grade.ts)
  if (p.standing) subject.standing = p.standing; // issue 14: gradeSubject, the quota bases, the reasons
  if (opts.exactValues) subject.exactValues = true;
  if (p.cohortSeat) subject.cohortSeat = p.cohortSeat;
  return subject;
}

/** Validates and evaluates one subject up to (not including) its final grade and outcomes;
 * synchronous when the runtime is. A scheme with cohort aggregates runs only prepared subjects of a
 * cohort (`RunOptions.seat`): alone it is KH-E040. */
export function runSubject(plan: Plan, subj: SubjectInput, rt: RulesRuntime, opts: RunOptions = {}): MaybePromise<Ran> {
  const agg = opts.seat ? undefined : comparesWithCohort(plan);
  if (agg) {
    try { aloneError(plan, agg); } catch (err) { return { ok: false, errors: [toEvalError(err)] }; }
  }
  const checked = prepareSubject(plan, subj, opts);
  if (!checked.ok) return checked;
  if (opts.seat) checked.prepared.cohortSeat = opts.seat;
  const { values, display: shown } = checked.prepared;
  const subject = contextOf(plan, checked.prepared, opts);
  const prefix = opts.at ? `${opts.at}input.` : '';
  const failed = (err: unknown): Ran => ({ ok: false, errors: [{ ...withPrefix(toEvalError(err), prefix), subject: subj.id }] });
  const complete = (begun: Begun, negatives: RuleMatch[], rewards: RuleMatch[]): Ran => {
    const state = opts.ungraded ? scoreSubject(begun, negatives, rewards) : completeSubject(begun, negatives, rewards);
    const display = withDisplayInputs(plan, values, shown); // `display` inputs (issue 12)
    if (display) state.display = display;
    return { ok: true, state };
  };
  try {
    const begun = begin(subject);
    const negatives = rt.matchLists(plan.negatives, begun.subject);
    if (isPromise(negatives)) return asyncRest(begun, negatives, rt, complete).catch(failed);
    const rewards = rt.matchLists(plan.rewards, begun.subject);
    if (isPromise(rewards)) return rewards.then((r) => complete(begun, negatives, r)).catch(failed);
    return complete(begun, negatives, rewards);
  } catch (err) {
    return failed(err);
  }
}

type Begun = ReturnType<typeof beginSubject>;

async function asyncRest(begun: Begun, negatives: Promise<RuleMatch[]>, rt: RulesRuntime,
  complete: (b: Begun, n: RuleMatch[], r: RuleMatch[]) => Ran): Promise<Ran> {
  const n = await negatives;
  const rewards = await rt.matchLists(begun.subject.plan.rewards, begun.subject);
  return complete(begun, n, rewards);
}

/** The last error of a validation cut short by `maxErrors`. */
export function stoppedAt(path: string): EvalError {
  return evalError('KH-E009', M.tooManyProblems({ path }), { path });
}

export function withPrefix(e: EvalError, prefix: string): EvalError {
  return prefix && e.path !== undefined ? { ...e, path: prefix + e.path } : e;
}
