// Emitting items attached to an indicator (issue 16; issue 12 `item … for X`,
// engine/attached.ts): in a list with attached items the list's `max` bounds every item in turn —
// an item that would cross it gets what remains (possibly 0) — and an attached item's amount goes
// into its indicator's subtotal = max(0, points + adds − deducts) instead of the list's total; base
// and the groups above take the change. An item attached to an indicator that does not apply gives
// nothing and takes no share of the `max`. The program's stages call these hooks: slots
// (emit-program.ts), the layout's rows and exact points (emit-layout.ts), each amount and the
// subtotals after the lists (emit-rules.ts); `json`: the program writes the result's JSON text
// (emit-json.ts: rows are text, a row is kept by its index).

import type { ItemIR, ListIR, ProgramIR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import { attachedJson } from './emit-json.js';
import { str } from './safe.js';

export const hasAttached = (p: ProgramIR): boolean => [...p.negatives, ...p.rewards].some((l) => l.attached);

/** The indicators some item is attached to, in index order. */
function targets(p: ProgramIR): number[] {
  const s = new Set<number>();
  for (const l of [...p.negatives, ...p.rewards]) for (const it of l.items) if (it.for !== undefined) s.add(it.for);
  return [...s].sort((a, b) => a - b);
}

/** Node IRs of the targets: their applicability and scores are computed before the lists. */
export function attachedDeps(p: ProgramIR): unknown[] {
  return targets(p).map((index) => ({ op: 'Node', kind: 'indicator', index }));
}

/** Per target: its result row, exact points, parts and net change; per group: row and exact points. */
export function attachedSlots(p: ProgramIR, e: Emitter, json = false): void {
  if (!hasAttached(p)) return;
  for (const i of targets(p)) e.line(`let xRI${i} = null, xNI${i} = 0, xDI${i} = 1, xPI${i} = null, xSN${i} = 0, xSD${i} = 1;`);
  for (const g of p.groups) e.line(`let xRG${g.index} = null, xNG${g.index} = 0, xDG${g.index} = 1${json ? `, xJG${g.index} = ''` : ''};`);
}

/** In the layout, right after an indicator's row was pushed: keep it and its exact points. */
export function keepIndicatorRow(p: ProgramIR, e: Emitter, index: number, [pn, pd]: [string, string], json = false): void {
  if (!targets(p).includes(index)) return;
  e.line(`xRI${index} = ${json ? 'indicators.length - 1' : 'indicators[indicators.length - 1]'}; xNI${index} = ${pn}; xDI${index} = ${pd};`);
}

/** In the layout, once a group's row has its points: keep the row and the exact points (JSON: the
 * row's index `row` and its text up to the points, `${row}j`, emit-json.ts groupOpen). */
export function keepGroupRow(p: ProgramIR, e: Emitter, index: number, row: string, [pn, pd]: [string, string], json = false): void {
  if (!hasAttached(p)) return;
  e.line(`xRG${index} = ${row}; xNG${index} = ${pn}; xDG${index} = ${pd};${json ? ` xJG${index} = ${row}j;` : ''}`);
}

/** Before a list's items: its `max` (attached.ts reads it first) and what it has given so far. */
export function attachedListHead(e: Emitter, l: ListIR, t: string): void {
  if (l.max) { const [mn, md] = e.num(l.max); e.line(`const ${t}mn = ${mn}, ${t}md = ${md};`); }
  e.line(`let ${t}sn = 0, ${t}sd = 1;`);
}

/** One deduct/add amount `[an, ad]` (the item's own, as asked) of an item in a list with attached
 * items: cut to what the list's `max` leaves, then into the list's sum `sum` or its indicator's parts. */
export function attachedAmount(p: ProgramIR, e: Emitter, l: ListIR, it: ItemIR, t: string, sum: string, [an, ad]: [string, string], json = false): void {
  const body = () => {
    const a = e.tmp('x');
    if (l.max) { // min(asked, max(0, cap − spent))
      e.line(`R.sub(${t}mn, ${t}md, ${t}sn, ${t}sd); const ${a}rn = F.n < 0 ? 0 : F.n, ${a}rd = F.n < 0 ? 1 : F.d;`);
      e.pick('min', [an, ad], [`${a}rn`, `${a}rd`], a);
    } else e.line(`const ${a}n = ${an}, ${a}d = ${ad};`);
    e.line(e.addTo(`${t}s`, `${a}n`, `${a}d`));
    if (it.for === undefined) { e.line(e.addTo(sum, `${a}n`, `${a}d`)); return; }
    const i = it.for, kind = l.kind === 'negative' ? 'deduct' : 'add';
    if (json) e.line(`(xPI${i} ??= []).push(${attachedJson.part(l, it, kind, a, [an, ad], p.precision)});`);
    else {
      const label = it.label !== undefined ? `, label: ${str(it.label)}` : '';
      e.line(`const ${a}p = { list: ${str(l.name)}, item: ${str(it.name)}${label}, ${kind}: R.rnd(${a}n, ${a}d, ${p.precision}) };`);
      e.line(`if (R.cmp(${a}n, ${a}d, ${an}, ${ad}) !== 0) ${a}p.asked = R.rnd(${an}, ${ad}, ${p.precision});`);
      e.line(`${a}p.at = ${str(`line ${it.line}`)}; (xPI${i} ??= []).push(${a}p);`);
    }
    e.line(`R.${kind === 'add' ? 'add' : 'sub'}(xSN${i}, xSD${i}, ${a}n, ${a}d); xSN${i} = F.n; xSD${i} = F.d;`);
  };
  // its indicator does not apply: not applied, no share of the max
  if (it.for !== undefined) e.block(`if (aI${it.for})`, body); else body();
}

/** `, for: X` of a matched item's result row (outcome.ts negativeOf / rewardItemsOf). */
export function forKey(p: ProgramIR, it: ItemIR): string {
  return it.for === undefined ? '' : `, for: ${str(p.indicators[it.for].name)}`;
}

/** After the lists: each target's subtotal and parts on its row, the change into the groups above
 * and into base (attached.ts applyAttached). */
export function applyAttached(p: ProgramIR, e: Emitter, json = false): void {
  if (!hasAttached(p)) return;
  e.note('items attached to indicators: subtotals, groups, base');
  for (const i of targets(p)) {
    e.block(`if (xPI${i} !== null)`, () => {
      e.line(`R.add(xNI${i}, xDI${i}, xSN${i}, xSD${i}); const x${i}n = F.n < 0 ? 0 : F.n, x${i}d = F.n < 0 ? 1 : F.d;`);
      e.line(`R.sub(x${i}n, x${i}d, xNI${i}, xDI${i}); const x${i}cn = F.n, x${i}cd = F.d;`);
      e.line(json ? attachedJson.subtotal(i, `x${i}`, p.precision) : `xRI${i}.subtotal = R.rnd(x${i}n, x${i}d, ${p.precision}); xRI${i}.attached = xPI${i};`);
      for (let g = p.indicators[i].parent; g !== undefined; g = p.groups[g].parent) {
        e.line(`R.add(xNG${g}, xDG${g}, x${i}cn, x${i}cd); xNG${g} = F.n; xDG${g} = F.d; ${json ? attachedJson.groupPoints(g, p.precision) : `xRG${g}.points = R.rnd(F.n, F.d, ${p.precision});`}`);
      }
      e.line(`R.add(rN_base, rD_base, x${i}cn, x${i}cd); rN_base = F.n; rD_base = F.d;`);
    });
  }
}
