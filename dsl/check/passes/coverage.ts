// Pass `coverage`: `levels` cover every member of the subject's enum or have an `else` (KH-C021),
// tables cover every member of their enum (KH-C022), `bonus by grade` covers every grade (KH-C023).
// A levels entry given twice is KH-C002.

import type { LevelsExpr } from '../../ast.js';
import { uniqueNames } from './names.js';
import type { Pass } from '../context.js';
import { M, names } from '../messages.js';

export const coveragePass: Pass = {
  name: 'coverage',
  run(ctx) {
    const missing = (members: string[], have: Set<string>) => members.filter((m) => !have.has(m));
    for (const e of ctx.forms) {
      if (e.kind !== 'Levels') continue;
      const lv = e as LevelsExpr;
      uniqueNames(ctx, lv.entries.map((x) => x.member), M.wLevel());
      const s = ctx.types.get(lv.subject);
      const en = s?.kind === 'enum' ? ctx.symbols.enums.get(s.name) : undefined;
      if (!en || lv.else) continue;
      const gap = missing(en.members.map((m) => m.name.name), new Set(lv.entries.map((x) => x.member.name)));
      if (gap.length) ctx.sink.add('KH-C021', lv.span, M.levelsGap({ gap: names(gap), enum: en.name.name }));
    }
    for (const d of ctx.scheme.decls) {
      if (d.kind !== 'Table') continue;
      const enumName = ctx.tableKeys.get(d.name.name);
      const en = enumName ? ctx.symbols.enums.get(enumName) : undefined;
      if (!en) continue;
      const gap = missing(en.members.map((m) => m.name.name), new Set(d.entries.map((x) => x.key.name)));
      if (gap.length) ctx.sink.add('KH-C022', d.name.span, M.tableGap({ name: d.name.name, gap: names(gap), enum: en.name.name }));
    }
    const bonus = ctx.symbols.outcomes?.bonus;
    if (bonus && ctx.symbols.grades.length) {
      const gap = missing(ctx.symbols.gradeNames, new Set(bonus.entries.map((x) => x.grade.name)));
      if (gap.length) ctx.sink.add('KH-C023', bonus.span, M.bonusGap({ gap: names(gap) }));
    }
  },
};
