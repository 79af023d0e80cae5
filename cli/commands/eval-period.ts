// `kaohe eval --period` judged as the command line's, before the input is read (C10, a 组织部
// officer's trial). A wrong `--period 2026-13` was reported among the roster's problems with exit 1,
// as if a row were wrong; it is the option that is wrong, so it is said as an option problem on
// stderr (naming `--period` and the form the scheme takes) with exit 2, and nothing is written. The
// judgement is the engine's own (engine/period.ts resolvePeriod: KH-E031 for a text of the wrong
// form or kind, also for a scheme without a period), so the command line and the API never differ.
// A roster cannot carry a period, so a scheme that reads one (KH-E032) and a roster without
// `--period` is the same kind of mistake. A .json input may still give `"period"` as the API body
// does: its problems stay the input's (exit 1, API.md). And a scheme that says `period quarterly`
// but whose rules read no period evaluates without one, rightly: that is said on stderr once the
// results are out, so an officer notices that they name no quarter (exit code unchanged; a run that
// wrote nothing says nothing of it).

// The option's words are the command line's own (C10b): the engine's KH-E031 text is shared with the
// API and examples ("the period … is not a period", the form said twice once wrapped); here a wrong
// --period is said once with the form to write — the corrected form of what was typed when it is
// close (2026Q2 → 2026-Q2, 2026-q2 → 2026-Q2, 2026-2 for a monthly scheme → 2026-02, 2026-09 for a
// quarterly one → 2026-Q3), else the scheme's example — and a text of another form (2026-13, 2026
// for a quarterly scheme) is "not a period of this scheme's form", not "not a quarterly period",
// which took 2026-13 for a month. The correction is the engine's (engine/period-suggestion.ts, V11),
// so KH-E031 of the API and the library suggests the same period.

import { faultMsg } from '../../dsl/date-faults.js';
import { isPeriod, parsePeriod, PERIOD_FORMS, type PeriodKind } from '../../dsl/dates.js';
import type { Msg } from '../../dsl/i18n/index.js';
import type { PreparedScheme } from '../../engine/api.js';
import { D } from '../../engine/dates-messages.js';
import { planOf } from '../../engine/index.js';
import { periodForm, resolvePeriod } from '../../engine/period.js';
import { periodSuggestion } from '../../engine/period-suggestion.js';
import { P } from '../periods-messages.js';

const PROG = 'kaohe eval';
const KIND: Record<string, () => Msg> = { annual: D.kind_annual, quarterly: D.kind_quarterly, monthly: D.kind_monthly, special: D.kind_special };
const ASSESSED: Record<PeriodKind, () => Msg> = { annual: P.byYear, quarterly: P.byQuarter, monthly: P.byMonth, special: P.byRange };

/** Whether a positional argument is a period written where --period goes (`r.csv 2026-Q2`). */
export function looksLikePeriod(arg: string): boolean {
  return isPeriod(parsePeriod(arg, undefined)) || periodSuggestion(arg, undefined) !== undefined;
}

/** What is wrong with `--period TEXT` for `scheme` (KH-E031 of the engine, decided by the engine,
 * worded as an option problem), or undefined when the engine takes it. */
export function badPeriodOption(scheme: PreparedScheme, text: string): Msg | undefined {
  const p = resolvePeriod(planOf(scheme), text, 'period');
  if (!('error' in p)) return undefined;
  const kind = scheme.periodKind as PeriodKind | undefined;
  const parsed = parsePeriod(text, kind);
  const fault = !isPeriod(parsed) && parsed.problem === 'malformed' ? parsed.fault : undefined;
  const suggest = periodSuggestion(text, kind);
  const why = fault ? faultMsg(fault)
    : kind ? P.notSchemeForm({ scheme: scheme.id, assessed: ASSESSED[kind]() })
      : P.notAPeriod();
  if (suggest || kind) return P.badPeriod({ prog: PROG, period: text, why, suggest: suggest ?? periodForm(kind) });
  return P.badPeriodAnyKind({ prog: PROG, period: text, why, forms: Object.values(PERIOD_FORMS) });
}

/** Why a roster without `--period` cannot be evaluated under `scheme` (KH-E032 of the engine: its
 * rules read periodStart/periodEnd, or a `results of` / `past` input reads results by period), or
 * undefined when it can. */
export function periodNeeded(scheme: PreparedScheme): Msg | undefined {
  const plan = planOf(scheme);
  const p = resolvePeriod(plan, undefined, 'period');
  if (!('error' in p)) return undefined;
  const rolled = plan.contract.find((f) => f.type.kind === 'periodResults')?.name;
  const why = rolled ? P.periodNeededInput({ input: rolled }) : P.periodNeededDates();
  return P.periodNeeded({ prog: PROG, scheme: scheme.id, why, form: periodForm(scheme.periodKind) });
}

/** The notice for an evaluation without a period under a scheme that names a kind of period but
 * reads none (undefined for a scheme without `period`): said, not refused — the results are right. */
export function periodNotNamed(scheme: PreparedScheme): Msg | undefined {
  const kind = scheme.periodKind;
  if (!kind) return undefined;
  return P.periodNotNamed({ prog: PROG, scheme: scheme.id, kind: (KIND[kind] ?? D.kind_special)(), form: periodForm(kind) });
}
