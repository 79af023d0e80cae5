// The evaluation period (issue 12, item 6): the text an evaluation comes with (`--period 2026-Q1`,
// the API body's `period`, an example's `period "…"`) checked against the scheme's `period` kind
// (dsl/dates.ts has the forms) and turned into its first and last day, which `periodStart` /
// `periodEnd` read. One period for a whole evaluation, cohorts included. A scheme that names the
// period fails without one (KH-E032) before any subject is evaluated; one given to a scheme that does
// not name it is still checked (KH-E031: a typo should not pass silently) and carried into the result.

import { isPeriod, parsePeriod, PERIOD_FORMS, type Period, type PeriodKind } from '../dsl/dates.js';
import type { EvalError } from './api.js';
import { D } from './dates-messages.js';
import { evalError } from './errors.js';
import type { Plan } from './plan.js';

const ALL_FORMS = Object.values(PERIOD_FORMS);

/** The example form of the scheme's kind (any kind: the quarterly one). */
export function periodForm(kind: string | undefined): string {
  return PERIOD_FORMS[(kind as PeriodKind) ?? 'quarterly'] ?? PERIOD_FORMS.quarterly;
}

/** The period of an evaluation of `plan`, or the error that stops it (`path`: where the text came from). */
export function resolvePeriod(plan: Plan, text: unknown, path = 'period'): { period?: Period } | { error: EvalError } {
  const kind = plan.period as PeriodKind | undefined;
  if (text === undefined || text === null || text === '') {
    if (!plan.usesPeriod) return {};
    const form = periodForm(kind);
    return { error: evalError('KH-E032', D.periodMissing({ form }), { path, expected: form, found: 'nothing' }) };
  }
  if (typeof text !== 'string') {
    return { error: evalError('KH-E031', D.periodMalformed({ period: String(JSON.stringify(text)), forms: ALL_FORMS }), { path, expected: kind ? PERIOD_FORMS[kind] : ALL_FORMS.join(' | '), found: JSON.stringify(text) }) };
  }
  const p = parsePeriod(text, kind);
  if (isPeriod(p)) return { period: p };
  const expected = kind ? PERIOD_FORMS[kind] : ALL_FORMS.join(' | ');
  const msg = p.problem === 'wrongKind' && kind
    ? D.periodWrongKind({ period: text, kind: KIND[kind](), form: PERIOD_FORMS[kind] })
    : D.periodMalformed({ period: text, forms: kind ? [PERIOD_FORMS[kind]] : ALL_FORMS });
  return { error: evalError('KH-E031', msg, { path, expected, found: text }) };
}

const KIND = { annual: D.kind_annual, quarterly: D.kind_quarterly, monthly: D.kind_monthly, special: D.kind_special };
