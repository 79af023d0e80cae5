// An example's `period "…"` (issue 12, item 6), checked statically as the engine will check it: the
// form of the scheme's `period` kind (KH-C102), and present when the scheme names periodStart or
// periodEnd (KH-C103) — otherwise the example could only fail when run. Called by the examples pass.

import type { ExampleDecl } from '../../ast.js';
import { faultMsg } from '../../date-faults.js';
import { isPeriod, parsePeriod, PERIOD_FORMS } from '../../dates.js';
import type { CheckContext } from '../context.js';
import { KW } from '../messages.js';
import { D } from '../messages/dates.js';
import { periodInputMissing, schemePeriod } from './periods-input.js';

/** Whether any expression of the scheme names the period (known once names are resolved). */
export function usesPeriod(ctx: CheckContext): boolean {
  for (const r of ctx.refs.values()) if (r.kind === 'period') return true;
  return false;
}

export function checkExamplePeriod(ctx: CheckContext, d: ExampleDecl, uses: boolean): void {
  const kind = schemePeriod(ctx);
  const form = PERIOD_FORMS[kind ?? 'quarterly'];
  if (!d.period) {
    if (uses) ctx.sink.add('KH-C103', d.name.span, D.periodMissing({ name: d.name.name, form }));
    else {
      const msg = periodInputMissing(ctx, d.name.name, form); // issue 14: the input's periods follow from the example's
      if (msg) ctx.sink.add('KH-C103', d.name.span, msg);
    }
    return;
  }
  if (typeof d.period.value !== 'string') return; // a tree recovered from a syntax error
  const p = parsePeriod(d.period.value, kind);
  if (isPeriod(p)) return;
  if (p.problem === 'wrongKind' && kind) {
    ctx.sink.add('KH-C102', d.period.span, D.periodForm({ name: d.name.name, period: d.period.value, kind: KW[kind](), form }));
  } else {
    const forms = kind ? [PERIOD_FORMS[kind]] : Object.values(PERIOD_FORMS);
    const args = { name: d.name.name, period: d.period.value, forms };
    ctx.sink.add('KH-C102', d.period.span, p.problem === 'malformed' && p.fault ? D.periodFault({ ...args, why: faultMsg(p.fault) }) : D.periodMalformed(args));
  }
}
