// The evaluation period (issue 12, item 6): the text an evaluation comes with (`--period 2026-Q1`,
// the API body's `period`, an example's `period "…"`) checked against the scheme's `period` kind
// (dsl/dates.ts has the forms) and turned into its first and last day, which `periodStart` /
// `periodEnd` read. One period for a whole evaluation, cohorts included. A scheme that names the
// period fails without one (KH-E032) before any subject is evaluated; one given to a scheme that does
// not name it is still checked (KH-E031: a typo should not pass silently) and carried into the result.
// KH-E031 names the period the text was probably meant as (period-suggestion.ts, as `kaohe eval
// --period` does: 2026Q3 → 是否指“2026-Q3”), not only the scheme's example form.

import { faultMsg } from '../dsl/date-faults.js';
import { isPeriod, parsePeriod, PERIOD_FORMS, type Period, type PeriodKind, type PeriodProblem } from '../dsl/dates.js';
import type { Msg } from '../dsl/i18n/index.js';
import type { EvalError } from './api.js';
import { D } from './dates-messages.js';
import { evalError } from './errors.js';
import type { Plan } from './plan.js';
import { P } from './periods/messages.js';
import { periodSuggestion } from './period-suggestion.js';

/** The first `results of` / `past` input of the plan, if any (looked at only when a period is missing). */
const periodResultsInput = (plan: Plan): string | undefined => plan.contract.find((f) => f.type.kind === 'periodResults')?.name;

const ALL_FORMS = Object.values(PERIOD_FORMS);

/** The example form of the scheme's kind (any kind: the quarterly one). */
export function periodForm(kind: string | undefined): string {
  return PERIOD_FORMS[(kind as PeriodKind) ?? 'quarterly'] ?? PERIOD_FORMS.quarterly;
}

/** The period of an evaluation of `plan`, or the error that stops it (`path`: where the text came from). */
export function resolvePeriod(plan: Plan, text: unknown, path = 'period'): { period?: Period } | { error: EvalError } {
  const kind = plan.period as PeriodKind | undefined;
  if (text === undefined || text === null || text === '') {
    const rolled = periodResultsInput(plan); // issue 14: `results of` / `past` read results by period
    if (rolled) return { error: evalError('KH-E032', P.periodMissing({ input: rolled, form: periodForm(kind) }), { path, expected: periodForm(kind), found: 'nothing' }) };
    if (!plan.usesPeriod) return {};
    const form = periodForm(kind);
    return { error: evalError('KH-E032', D.periodMissing({ form }), { path, expected: form, found: 'nothing' }) };
  }
  const expected = kind ? PERIOD_FORMS[kind] : ALL_FORMS.join(' | ');
  if (typeof text !== 'string') {
    const found = String(JSON.stringify(text));
    return { error: evalError('KH-E031', D.periodNotText({ form: periodForm(kind), found }), { path, expected, found }) };
  }
  const p = parsePeriod(text, kind);
  if (isPeriod(p)) return { period: p };
  return { error: evalError('KH-E031', periodProblem(text, p, kind), { path, expected, found: text }) };
}

/** What is wrong with the period `text` (with the period it was probably meant as, if any). */
function periodProblem(text: string, p: PeriodProblem, kind: PeriodKind | undefined): Msg {
  const problem = whatIsWrong(text, p, kind);
  const suggest = periodSuggestion(text, kind);
  return suggest ? D.periodDidYouMean({ problem, suggest }) : problem;
}

/** What is wrong with the period `text`, naming only the scheme's kind's form when it has a kind. */
function whatIsWrong(text: string, p: PeriodProblem, kind: PeriodKind | undefined): Msg {
  if (p.problem === 'wrongKind' && kind) return D.periodWrongKind({ period: text, kind: KIND[kind](), form: PERIOD_FORMS[kind] });
  const forms = kind ? [PERIOD_FORMS[kind]] : ALL_FORMS;
  if (p.problem === 'malformed' && p.fault) return D.periodFault({ period: text, why: faultMsg(p.fault), forms });
  return D.periodMalformed({ period: text, forms });
}

const KIND = { annual: D.kind_annual, quarterly: D.kind_quarterly, monthly: D.kind_monthly, special: D.kind_special };
