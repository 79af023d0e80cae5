// `display` inputs (issue 12: `姓名: text display`): validated like every input, then carried into the
// result's `display` as text — a number as its exact decimal, an enum member by name, a date as its ISO
// text — beside the fields a roster sends in `display` (an input of the same name wins: it was checked
// against the contract). An optional display input that was not given is left out.

import { Rational } from '../dsl/rational.js';
import type { Display } from './api.js';
import type { Plan } from './plan.js';
import type { Value } from './values.js';

const names = new WeakMap<Plan, readonly string[]>();

/** The plan's display inputs, in declaration order (worked out once per plan). */
function displayInputs(plan: Plan): readonly string[] {
  let list = names.get(plan);
  if (!list) {
    list = [...plan.checked.symbols.inputs.values()].filter((f) => f.display).map((f) => f.name.name);
    names.set(plan, list);
  }
  return list;
}

function asText(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Rational) return v.toDecimalString(40);
  if (v && typeof v === 'object' && !Array.isArray(v) && v.kind === 'enum') return v.name;
  return undefined;
}

/** The subject's display: its display inputs' values as text, then the request's `display` fields. */
export function withDisplayInputs(plan: Plan, values: ReadonlyMap<string, Value>, shown: Display | undefined): Display | undefined {
  const list = displayInputs(plan);
  if (list.length === 0) return shown;
  const out: [string, string][] = [];
  for (const n of list) { const t = asText(values.get(n)); if (t !== undefined) out.push([n, t]); }
  if (out.length === 0) return shown;
  const own = new Set(list);
  return Object.fromEntries([...Object.entries(shown ?? {}).filter(([k]) => !own.has(k)), ...out]);
}
