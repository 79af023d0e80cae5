// Pass `unused`: inputs (KH-C040), panels (KH-C041) and tables (KH-C042) that nothing refers to.
// Uses in `cohort by` and tiebreak keys count; uses inside examples do not (they test, not define).
// A `display` input is never unused: it is carried into the result (issue 12).
// A panel is used when some input has type `ratings of` it.

import type { Pass } from '../context.js';
import { M } from '../messages.js';

export const unusedPass: Pass = {
  name: 'unused',
  run(ctx) {
    const all = ctx.symbols.all;
    for (let i = 0; i < all.length; i++) { // indexed: see CheckContext.placed
      const s = all[i];
      // Only these three kinds are reported: test the kind before the two lookups.
      if (s.kind !== 'input' && s.kind !== 'panel' && s.kind !== 'table') continue;
      if (ctx.used.has(s) || ctx.symbols.names.get(s.name) !== s) continue;
      if (s.kind === 'input' && s.decl.display) continue; // carried into the result, not scored (issue 12)
      if (s.kind === 'input') ctx.sink.add('KH-C040', s.span, M.unusedInput({ name: s.name }));
      else if (s.kind === 'panel') ctx.sink.add('KH-C041', s.span, M.unusedPanel({ name: s.name }));
      else if (s.kind === 'table') ctx.sink.add('KH-C042', s.span, M.unusedTable({ name: s.name }));
    }
  },
};
