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

import type { Msg } from '../../dsl/i18n/index.js';
import type { PreparedScheme } from '../../engine/api.js';
import { D } from '../../engine/dates-messages.js';
import { planOf } from '../../engine/index.js';
import { periodForm, resolvePeriod } from '../../engine/period.js';
import { P } from '../periods-messages.js';

const PROG = 'kaohe eval';
const KIND: Record<string, () => Msg> = { annual: D.kind_annual, quarterly: D.kind_quarterly, monthly: D.kind_monthly, special: D.kind_special };

/** What is wrong with `--period TEXT` for `scheme` (KH-E031 of the engine, worded as an option
 * problem), or undefined when the engine takes it. */
export function badPeriodOption(scheme: PreparedScheme, text: string): Msg | undefined {
  const p = resolvePeriod(planOf(scheme), text, 'period');
  if (!('error' in p)) return undefined;
  const why = p.error.msg ?? p.error.message;
  const kind = scheme.periodKind;
  return kind
    ? P.badPeriod({ prog: PROG, period: text, why, scheme: scheme.id, form: periodForm(kind) })
    : P.badPeriodAnyKind({ prog: PROG, period: text, why });
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
