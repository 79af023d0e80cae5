// The order of the problems list: syntax errors first, then other errors, then warnings, each in
// text order. A syntax error often causes the others (a skipped declaration leaves weights short),
// so the one to fix first is at the top.

import type { Diagnostic } from '../../dsl/diagnostics.js';

const rank = (d: Pick<Diagnostic, 'code' | 'severity'>): number =>
  d.severity !== 'error' ? 2 : d.code.startsWith('KH-P') ? 0 : 1;

export function problemOrder<D extends Pick<Diagnostic, 'code' | 'severity' | 'span'>>(list: readonly D[]): D[] {
  return [...list].sort((a, b) => rank(a) - rank(b) || a.span.start - b.span.start);
}
