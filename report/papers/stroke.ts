// 按姓氏笔画: the order of a 公示名单 as a 组织部 expects it (the mainland 姓氏笔画排序 convention): the
// surname's stroke count first, equal counts by its 笔顺 read as the five stroke classes (横 竖 撇 点 折 —
// first stroke, then second …), then the next characters of the name the same way, equal names by
// subject id so the order never depends on the roster's.
//
// Why not ICU alone: `Intl.Collator('zh-u-co-stroke')` counts strokes the Taiwan way (阝 as 3), which puts
// 陈 and 阿 (7 strokes in the mainland 规范) after 周 (8) — wrong on the first page anyone reads. The
// mainland counts and 笔顺 come from our hand-written table in strokes-data.ts (the common surnames and
// given-name characters). A Chinese character outside the table keeps ICU's stroke count (read off ICU's own group
// boundaries) and sorts after the table's characters of that count, by ICU's stroke order; a character
// that is not Chinese keeps ICU's place relative to Chinese (punctuation and digits before, Latin and
// other scripts after). Every character gets one key, compared position by position, so the order is
// total and transitive whatever mix a roster brings.

import { STROKES } from './strokes-data.js';

const STROKE = new Intl.Collator('zh-u-co-stroke');
const BASE = new Intl.Collator('zh-u-co-stroke', { sensitivity: 'base' });
const HAN = /^\p{Script=Han}$/u;

/** Where a character stands: `count` strokes (0 before all Chinese, Infinity after), then `rank` (0 table,
 *  1 outside the table), then `order` (the 笔顺 digits of a table character). */
interface CharKey { count: number; rank: 0 | 1; order: string }

let table: Map<string, string> | undefined;
/** The table of strokes-data.ts as 字 → 笔顺 digits: lines of `字:digits` entries, `//` lines are headings. */
export function strokeTable(): ReadonlyMap<string, string> {
  if (table) return table;
  const parsed = new Map<string, string>();
  for (const line of STROKES.split('\n')) {
    if (line.startsWith('//')) continue;
    for (const entry of line.split(' ').filter(Boolean)) {
      const m = /^(\p{Script=Han}):([1-5]+)$/u.exec(entry);
      if (!m) throw new Error(`strokes-data.ts: malformed entry ${JSON.stringify(entry)}`);
      parsed.set(m[1]!, m[2]!);
    }
  }
  return (table = parsed);
}

// ICU's stroke collation starts each stroke count with a boundary string U+FDD0 + (U+2800 + n); the ones
// that really are boundaries sort before every Latin letter.
let boundaries: Array<{ n: number; at: string }> | undefined;
function icuBoundaries(): Array<{ n: number; at: string }> {
  boundaries ??= Array.from({ length: 80 }, (_, i) => ({ n: i + 1, at: `\uFDD0${String.fromCharCode(0x2801 + i)}` }))
    .filter((b) => STROKE.compare(b.at, 'A') < 0);
  return boundaries;
}

function icuStrokeCount(ch: string): number {
  let count = 0;
  for (const b of icuBoundaries()) if (STROKE.compare(b.at, ch) <= 0) count = b.n; else break;
  return count;
}

const keys = new Map<string, CharKey>();
function keyOf(ch: string): CharKey {
  let key = keys.get(ch);
  if (key) return key;
  const digits = strokeTable().get(ch);
  if (digits !== undefined) key = { count: digits.length, rank: 0, order: digits };
  else if (HAN.test(ch)) key = { count: icuStrokeCount(ch), rank: 1, order: '' };
  else key = { count: STROKE.compare(ch, icuBoundaries()[0]!.at) < 0 ? 0 : Infinity, rank: 1, order: '' };
  keys.set(ch, key);
  return key;
}

function compareChar(a: string, b: string): number {
  if (a === b) return 0;
  const x = keyOf(a), y = keyOf(b);
  if (x.count !== y.count) return x.count < y.count ? -1 : 1;
  if (x.rank !== y.rank) return x.rank - y.rank;
  if (x.rank === 0 && x.order !== y.order) return x.order < y.order ? -1 : 1;
  // Same count and 笔顺 (土 士, 于 亍): ICU, then the code point, so a surname's people stay together.
  if (x.rank === 0 || HAN.test(a)) return STROKE.compare(a, b) || (a < b ? -1 : 1);
  return BASE.compare(a, b);
}

/** Compares two names 按姓氏笔画 (mainland): character by character, a shorter name before its
 *  extensions; names equal so (e.g. only in letter case) by ICU's full comparison. */
export function compareByStroke(a: string, b: string): number {
  const xs = [...a], ys = [...b];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const c = compareChar(xs[i]!, ys[i]!);
    if (c !== 0) return c;
  }
  return xs.length - ys.length || STROKE.compare(a, b);
}

export function byStroke<T extends { name: string; subject: string }>(people: readonly T[]): T[] {
  return [...people].sort((a, b) => compareByStroke(a.name, b.name) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}
