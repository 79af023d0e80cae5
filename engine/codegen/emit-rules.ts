// Emitting the rule lists (issue 16, part of the program emitProgram writes; engine/rules.ts native
// runtime, attached.ts): each 负面清单 and 加分 list in order, each item whose condition holds with
// its effects — veto, no grade, a grade cap (the first restriction of each kind wins; its words are
// rendered per language into T), actions, amounts (× per, capped by the item's max) — into the
// list's sum, capped by the list's max, then into the deductions (`dn/dd`) and rewards (`wn/wd`).
// Items attached to an indicator go through emit-attached.ts. Rows: `negative`, `rewardItems`
// (or their JSON text, emit-json.ts).

import type { EffectIR, ItemIR, ListIR } from './ir.js';
import type { ProgramEmit } from './emit-program.js';
import { applyAttached, attachedAmount, attachedListHead, forKey } from './emit-attached.js';
import { objectPart, type Part } from './emit-json.js';
import { str } from './safe.js';

type Amount = Extract<EffectIR, { kind: 'deduct' | 'add' }>;

/** The lists, the restrictions (`ng`, `vt`, `capG`/`capT`), actions, deductions and rewards;
 * `subtotals`: then the subtotals of items attached to indicators (not for the rules alone). */
export function emitRuleLists(c: ProgramEmit, { subtotals }: { subtotals: boolean }): void {
  const { p, e, J } = c;
  e.line('const negative = [], rewardItems = [], actions = [];');
  e.line('let ng = -1, vt = -1, capG = -1, capT = -1;');
  e.line('let dn = 0, dd = 1, wn = 0, wd = 1;');
  for (const l of p.negatives) list(c, l, 'deduct', 'd');
  for (const l of p.rewards) list(c, l, 'add', 'w');
  if (subtotals) applyAttached(p, e, !!J);
  e.line('const rN_deductions = dn, rD_deductions = dd, rN_rewards = wn, rD_rewards = wd;');
}

/** One list: its items' `key` amounts summed (capped by its max) into `${total}n/d`. */
function list(c: ProgramEmit, l: ListIR, key: 'deduct' | 'add', total: string): void {
  const e = c.e;
  e.note(`${l.kind === 'negative' ? '负面清单' : '加分'} ${l.name}`);
  const t = e.tmp('l');
  e.line(`let ${t}n = 0, ${t}d = 1;`);
  if (l.attached) attachedListHead(e, l, t);
  for (const it of l.items) item(c, l, it, key, t);
  if (l.max && !l.attached) {
    const [mn, md] = e.num(l.max);
    e.line(`if (R.cmp(${t}n, ${t}d, ${mn}, ${md}) > 0) { ${t}n = ${mn}; ${t}d = ${md}; }`);
  }
  e.line(e.addTo(total, `${t}n`, `${t}d`));
}

/** One item: when its condition holds, its effects, then its row. */
function item(c: ProgramEmit, l: ListIR, it: ItemIR, key: 'deduct' | 'add', sum: string): void {
  const { p, e, J } = c;
  e.note(`item ${it.name} (line ${it.line})`);
  const hit = e.val(it.when);
  e.block(`if (${hit})`, () => {
    const parts: Part[] = [];
    const adds = e.tmp('q'); // a reward item's own adds, for its row
    if (l.kind === 'reward') e.line(`let ${adds}n = 0, ${adds}d = 1;`);
    for (const ef of it.effects) {
      switch (ef.kind) {
        case 'veto': parts.push(['veto', { raw: 'true' }]); e.line(`if (vt < 0) vt = ${restrictText(c, l, it, 'veto')};`); break;
        case 'nograde': parts.push(['nograde', { raw: 'true' }]); e.line(`if (ng < 0) ng = ${restrictText(c, l, it, 'nograde')};`); break;
        case 'cap': parts.push(['cap', { s: ef.name }]); e.line(`if (${ef.grade} > capG) { capG = ${ef.grade}; capT = ${restrictText(c, l, it, 'cap', ef.name)}; }`); break;
        case 'action': parts.push(['action', { s: ef.name }]); e.line(`if (!actions.includes(${str(ef.name)})) actions.push(${str(ef.name)});`); break;
        case 'deduct': case 'add': parts.push(amount(c, l, it, ef, key, sum, adds));
      }
    }
    const label = it.label !== undefined ? `, label: ${str(it.label)}` : '';
    if (J) J.item(e, l, it, parts, adds);
    else if (l.kind === 'negative') e.line(`negative.push({ list: ${str(l.name)}, item: ${str(it.name)}${label}, effects: [${parts.map(objectPart).join(', ')}], at: ${str(`line ${it.line}`)}${forKey(p, it)} });`);
    else e.line(`rewardItems.push({ list: ${str(l.name)}, item: ${str(it.name)}${label}, add: R.rnd(${adds}n, ${adds}d, ${p.precision})${forKey(p, it)} });`);
  });
}

/** A deduct/add effect: its amount (× per, capped by its max) into the list's sum `sum` when it is
 * the list's kind `key` (or through the attached items' path), a reward's into the item's `adds`.
 * Answers its part of the row. */
function amount(c: ProgramEmit, l: ListIR, it: ItemIR, ef: Amount, key: 'deduct' | 'add', sum: string, adds: string): Part {
  const { p, e, J } = c;
  let [an, ad] = e.num(ef.amount);
  if (ef.per) { const [pn, pd] = e.num(ef.per); e.line(`R.mul(${an}, ${ad}, ${pn}, ${pd});`); [an, ad] = e.takeF(); }
  if (ef.max) [an, ad] = e.pick('min', [an, ad], e.num(ef.max), e.tmp());
  if (ef.kind === key && l.attached) attachedAmount(p, e, l, it, sum, sum, [an, ad], !!J);
  else if (ef.kind === key) e.line(e.addTo(sum, an, ad));
  if (l.kind === 'reward' && ef.kind === 'add') e.line(e.addTo(adds, an, ad));
  return [ef.kind, { rnd: [an, ad, p.precision] }];
}

/** The index in T of a restriction's words (grade.ts), rendered once per language. */
function restrictText(c: ProgramEmit, l: ListIR, it: ItemIR, kind: 'veto' | 'nograde' | 'cap', grade?: string): number {
  return c.texts.add((lang) => c.words.restriction(l, it, kind, lang, grade));
}
