// Pass `self-read` (issue 14 part 2): KH-C171, a scheme reading its OWN results through `results of`
// — `results of <this scheme> for F` (a related subject) or `results of <this scheme> UNIT` (a
// roll-up). Either reads results of the round being evaluated (or of periods the scheme has no
// rounds of): finalizing or amending the round would make it out of date again, forever. A scheme's
// own earlier periods are read with `past N …`, which is not this. Two schemes reading each other
// are refused by the server when a round is created (server/rounds/source-checks.ts): the checker
// sees one scheme only.

import type { Pass } from '../context.js';
import { KW } from '../messages.js';
import { SR } from '../messages/self-read.js';

export const selfReadPass: Pass = {
  name: 'self-read',
  run(ctx) {
    const own = ctx.scheme.name.name;
    for (const d of ctx.scheme.decls) {
      if (d.kind !== 'Input') continue;
      for (const f of d.fields) {
        const t = f.type;
        if (t.kind !== 'PeriodResults' || t.form === 'past' || !t.scheme || t.scheme.name !== own) continue;
        ctx.sink.add('KH-C171', t.scheme.span, SR.selfRead({ name: f.name.name, scheme: t.scheme.name, past: KW.past() }));
      }
    }
  },
};
