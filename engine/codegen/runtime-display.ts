// Helpers for a subject's display fields in the generated programs (`R.numText`, `R.display`):
// the request's display fields with the scheme's display inputs written over them, as the closures'
// display-inputs.ts does. Apart from runtime.ts to keep each file one concern.

import { F, num, rat } from './runtime.js';

/** A display input's number as its exact decimal text (display-inputs.ts), or undefined when absent. */
export function numText(x: unknown): string | undefined {
  if (x === undefined) return undefined;
  num(x);
  return rat(F.n, F.d).toDecimalString(40);
}

/** The request's display fields, then the display inputs given (display-inputs.ts withDisplayInputs). */
export function display(shown: Record<string, string> | undefined, names: string[], texts: (string | undefined)[]): Record<string, string> | undefined {
  const out: [string, string][] = [];
  for (let i = 0; i < names.length; i++) if (typeof texts[i] === 'string') out.push([names[i], texts[i]!]);
  if (out.length === 0) return shown;
  const own = new Set(names);
  return Object.fromEntries([...Object.entries(shown ?? {}).filter(([k]) => !own.has(k)), ...out]);
}
