// Pass `panels`: a panel's category weights sum to exactly 100% (KH-C020); its trim rule leaves
// ratings to average and its `min` counts are whole numbers (KH-C028).

import { Rational } from '../../rational.js';
import { constValue, percent, type Pass } from '../context.js';
import { M } from '../messages.js';
import { INTEGER, NUMBER } from '../types.js';

export const panelsPass: Pass = {
  name: 'panels',
  run(ctx) {
    for (const d of ctx.scheme.decls) {
      if (d.kind !== 'Panel') continue;
      let sum = Rational.ZERO;
      for (const c of d.categories) {
        const w = constValue(c.weight);
        ctx.types.set(c.weight, NUMBER);
        if (w) sum = sum.add(w);
        if (c.min) {
          ctx.types.set(c.min, INTEGER);
          const m = constValue(c.min);
          if (m && (!m.isInteger() || m.sign() < 0)) ctx.sink.add('KH-C028', c.min.span, M.categoryMin({ name: c.name.name }));
        }
      }
      if (d.categories.length === 0) ctx.sink.add('KH-C020', d.name.span, M.noCategories({ name: d.name.name }));
      else if (!sum.eq(Rational.ONE)) ctx.sink.add('KH-C020', d.name.span, M.categorySum({ name: d.name.name, sum: percent(sum) }));
      if (d.trim) {
        const n = constValue(d.trim.count), at = constValue(d.trim.atLeast);
        ctx.types.set(d.trim.count, INTEGER); ctx.types.set(d.trim.atLeast, INTEGER);
        if (n && (!n.isInteger() || n.sign() <= 0)) ctx.sink.add('KH-C028', d.trim.count.span, M.trimWhole());
        else if (n && at && !at.gt(n.mul(Rational.int(2)))) {
          const need = n.mul(Rational.int(2)).add(Rational.ONE);
          ctx.sink.add('KH-C028', d.trim.span, M.trimNeeds({ n: `${n}`, need: `${need}`, have: at.toDecimalString() }));
        }
      }
    }
  },
};
