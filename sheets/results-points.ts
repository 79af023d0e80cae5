// What an officer needs to check a points result by hand (issue 12 fixes): beside each indicator's
// score, its points (折合分) when the scheme gives points, and — for an indicator with items attached
// to it (`item … for X`) — its subtotal (points ± attached amounts, the figure base sums) and the
// attached amounts themselves; the negative and reward item cells with their amounts. Without this a
// 考勤 indicator with an attached deduction read 100.00 and 总扣分 0, and nothing said where the
// deduction went.

import { render, type Locale } from '../dsl/i18n/index.js';
import type { Contract } from '../dsl/service/index.js';
import type { SubjectResult } from '../engine/api.js';
import { W } from './results-words.js';
import type { OutCell, SheetColumn } from './workbook.js';

type ItemRow = { item: string; label?: string };
const nameOf = (x: ItemRow) => x.label ?? x.item;
const num = (n: number) => String(Number(n.toFixed(10))); // a sum of rounded amounts, without float noise

/** An item's amount as a cell reads it: `受到通报批评 扣 10`, `改善 加 4（应计 6，受清单上限所限）`. */
function amountText(item: string, kind: 'add' | 'deduct', amount: number, locale: Locale, asked?: number): string {
  const text = render(kind === 'add' ? W.adds({ item, amount: num(amount) }) : W.deducts({ item, amount: num(amount) }), locale);
  return asked === undefined ? text : render(W.askedCut({ text, asked: num(asked) }), locale);
}

/** The indicators that have items attached for someone (what pointsColumns needs to know of everyone). */
export function addAttached(attachedTo: Set<string>, r: SubjectResult): void {
  for (const x of r.indicators) if (x.attached?.length) attachedTo.add(x.id);
}

/** The extra columns of each indicator: points (points mode, or items attached), subtotal and the
 * attached items (`attachedTo`: the indicators with items attached for someone, addAttached). */
export function pointsColumns(contract: Contract, attachedTo: ReadonlySet<string>, locale: Locale) {
  const sep = locale === 'zh' ? '；' : '; ';
  const showPoints = (id: string) => contract.points === true || attachedTo.has(id);
  const rowOf = (r: SubjectResult, id: string) => r.indicators.find((x) => x.id === id);
  return {
    /** `name`: the indicator's heading (its label, results.ts). */
    columns(id: string, score: (header: string) => SheetColumn, name = id): SheetColumn[] {
      const out: SheetColumn[] = [];
      if (showPoints(id)) out.push(score(render(W.pointsHeader({ name }), locale)));
      if (attachedTo.has(id)) {
        out.push(score(render(W.subtotalHeader({ name }), locale)));
        out.push({ header: render(W.attachedHeader({ name }), locale), width: 24, wrap: true });
      }
      return out;
    },
    cells(r: SubjectResult, id: string): OutCell[] {
      const row = rowOf(r, id);
      const out: OutCell[] = [];
      if (showPoints(id)) out.push(row ? row.points : null);
      if (attachedTo.has(id)) {
        out.push(row ? row.subtotal ?? row.points : null); // nothing attached for this person: the points
        out.push((row?.attached ?? []).map((a) => amountText(nameOf(a), a.add !== undefined ? 'add' : 'deduct',
          a.add ?? a.deduct ?? 0, locale, a.asked)).join(sep));
      }
      return out;
    },
  };
}

/** The negative items cell with amounts, and a reward items column (`showRewards`: someone has one). */
export function itemCells(showRewards: boolean, locale: Locale) {
  const attachedNote = (text: string, to?: string) => (to ? render(W.forIndicator({ text, name: to }), locale) : text);
  return {
    negative(r: SubjectResult): string {
      return r.negative.map((n) => {
        const amount = n.effects.reduce((a, e) => a + ('deduct' in e ? e.deduct : 0), 0);
        return attachedNote(amount > 0 ? amountText(nameOf(n), 'deduct', amount, locale) : nameOf(n), n.for);
      }).join('、');
    },
    rewardColumns: showRewards ? [{ header: render(W.rewardItemsHeader(), locale), width: 20, wrap: true }] as SheetColumn[] : [],
    rewards(r: SubjectResult): OutCell[] {
      if (!showRewards) return [];
      return [r.rewardItems.map((x) => attachedNote(amountText(nameOf(x), 'add', x.add, locale), x.for)).join('、')];
    },
  };
}
