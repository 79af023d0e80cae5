// Pass `grades`: the grade list ends with exactly one `otherwise` (KH-C026 missing, KH-C027 not
// last) and quotas are sane (KH-C029): a percentage in (0, 100%], a whole-number `min`, and never
// on the last grade (there is no grade below to demote to).

import { Rational } from '../../rational.js';
import { constValue, type Pass } from '../context.js';
import { M } from '../messages.js';
import { INTEGER, NUMBER } from '../types.js';

export const gradesPass: Pass = {
  name: 'grades',
  run(ctx) {
    const decl = ctx.symbols.gradesDecl;
    if (!decl) return;
    const gs = decl.grades;
    const last = gs[gs.length - 1];
    if (!gs.some((g) => g.otherwise)) {
      ctx.sink.add('KH-C026', last ? last.span : decl.span, last ? M.needOtherwiseAfter({ name: last.name.name }) : M.needOtherwise());
    }
    gs.forEach((g, i) => {
      if (g.otherwise && i < gs.length - 1) ctx.sink.add('KH-C027', g.span, M.otherwiseNotLast({ name: g.name.name, next: gs[i + 1].name.name }));
      for (const q of g.quotas) {
        // a fixed share and a soft share (`normally`); a table's shares: the `quotas` pass
        for (const share of [q.percent, q.normal]) {
          if (!share) continue;
          ctx.types.set(share, NUMBER);
          const p = constValue(share);
          if (p && (p.sign() <= 0 || p.gt(Rational.ONE))) ctx.sink.add('KH-C029', share.span, M.quotaRange());
          if (!share.percent) ctx.sink.add('KH-C029', share.span, M.quotaPercent());
        }
        if (q.min) {
          ctx.types.set(q.min, INTEGER);
          const m = constValue(q.min);
          if (m && (!m.isInteger() || m.sign() < 0)) ctx.sink.add('KH-C029', q.min.span, M.quotaMin());
        }
        if (g.name.name === last.name.name) ctx.sink.add('KH-C029', q.span, M.quotaLast({ name: g.name.name })); // any line of the last grade
      }
    });
  },
};
