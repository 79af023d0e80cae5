// Pass `grades`: the grade list ends with exactly one `otherwise` (KH-C026 missing, KH-C027 not
// last) and quotas are sane (KH-C029): a percentage in (0, 100%], a whole-number `min`, and never
// on the last grade (there is no grade below to demote to).

import { Rational } from '../../rational.js';
import { constValue, type Pass } from '../context.js';
import { INTEGER, NUMBER } from '../types.js';

export const gradesPass: Pass = {
  name: 'grades',
  run(ctx) {
    const decl = ctx.symbols.gradesDecl;
    if (!decl) return;
    const gs = decl.grades;
    const last = gs[gs.length - 1];
    if (!gs.some((g) => g.otherwise)) {
      ctx.sink.add('KH-C026', last ? last.span : decl.span, `the grades need a final \`otherwise\` grade so every subject gets one${last ? ` (${last.name.name} has a condition)` : ''}`);
    }
    gs.forEach((g, i) => {
      if (g.otherwise && i < gs.length - 1) ctx.sink.add('KH-C027', g.span, `\`otherwise\` must be the last grade, but ${g.name.name} is followed by ${gs[i + 1].name.name}`);
      const q = g.quota;
      if (!q) return;
      ctx.types.set(q.percent, NUMBER);
      const p = constValue(q.percent);
      if (p && (p.sign() <= 0 || p.gt(Rational.ONE))) ctx.sink.add('KH-C029', q.percent.span, `a quota must be more than 0% and at most 100%`);
      if (!q.percent.percent) ctx.sink.add('KH-C029', q.percent.span, `a quota is a percentage such as 20%`);
      if (q.min) {
        ctx.types.set(q.min, INTEGER);
        const m = constValue(q.min);
        if (m && (!m.isInteger() || m.sign() < 0)) ctx.sink.add('KH-C029', q.min.span, 'a quota min is a whole number of people');
      }
      if (i === gs.length - 1) ctx.sink.add('KH-C029', q.span, `the last grade ${g.name.name} cannot have a quota: there is no grade below to demote to`);
    });
  },
};
