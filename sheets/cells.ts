// One cell to one input value, by the type of the column's place in the input (columns.ts): numbers
// by decimal.ts (a double as is, text exactly), 是/否 and true/false as booleans, several values in
// one cell split at “、” (or ；, ;, a line break), a cell starting with `[` or `{` read as JSON, and a
// ratings input in one column as `群众：95、90；同事：88`. A cell that does not fit its type is handed
// on unchanged: the engine validates every input, and its error comes back to this row and column
// (roster.ts). Only what the engine could not see is reported here: a number too large to read
// exactly, malformed JSON (naming a Chinese input method's quote that broke it), and a record or list
// of records written as anything but JSON (`一季度好、二季度较好`: once, with an example of the form,
// not once per item in words of the API's field names — user trial U5 A-14).

import type { Msg } from '../dsl/i18n/index.js';
import type { TypeSpec } from '../dsl/service/index.js';
import { cellNumber, readDecimal, shortestDecimal } from './decimal.js';
import { describeType, jsonExample } from './describe.js';
import { fullWidthAt, JsonCellError, looksLikeJson, parseJsonCell } from './json-cell.js';
import { M } from './messages.js';
import { NoValue, type Cell } from './table.js';

export type Converted = { value: unknown } | { empty: true } | { problem: { code: string; what: Msg } };

const EMPTY: Converted = { empty: true };
const SPLIT = /\s*[、;；\n]\s*/;
/** Numbers may also be separated by commas or spaces: `95, 90 88`. */
const SPLIT_NUMBERS = /[、;；,，\s]+/;
const TRUE = new Set(['是', 'true', 'yes', 'y', '1', '√', '✓', '✔', '对']);
const FALSE = new Set(['否', 'false', 'no', 'n', '0', '×', '✗', '✘', '错']);

/** A cell as text: numbers in their shortest decimal (never 1.1e+17), dates as ISO dates. */
export function cellText(c: Cell): string {
  if (c === null || c instanceof NoValue) return '';
  if (typeof c === 'number') return shortestDecimal(c);
  if (c instanceof Date) return dateText(c);
  return String(c).trim();
}

function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function convertCell(c: Cell, type: TypeSpec, example?: Msg): Converted {
  if (c === null || (typeof c === 'string' && c.trim() === '')) return EMPTY;
  if (typeof c === 'string') {
    const t = c.trim();
    if (looksLikeJson(t) && (type.kind === 'list' || type.kind === 'record' || type.kind === 'ratings')) return json(t);
  }
  if (type.kind === 'record' || (type.kind === 'list' && type.element.kind === 'record')) {
    return { problem: { code: 'KH-E003', what: M.notJson({ expected: describeType(type), example: example ?? jsonExample(type), found: cellText(c) }) } };
  }
  return { value: scalarOrSplit(c, type) };
}

function json(t: string): Converted {
  try {
    return { value: parseJsonCell(t) };
  } catch (e) {
    if (!(e instanceof JsonCellError)) throw e;
    const wide = fullWidthAt(t, e.at);
    return { problem: e.tooLarge ? { code: 'KH-E003', what: M.tooLarge({ found: t.slice(e.at).split(/[,\]}\s]/)[0] }) }
      : { code: 'KH-E003', what: wide ? M.badJsonFullWidth({ at: e.at + 1, ...wide }) : M.badJson({ at: e.at + 1 }) } };
  }
}

/** Thrown inside a conversion for a number that cannot be read exactly. */
class TooLarge { constructor(readonly text: string) {} }

function scalarOrSplit(c: Cell, type: TypeSpec): unknown {
  switch (type.kind) {
    case 'number': case 'integer': return number(c);
    case 'bool': return bool(c);
    case 'text': case 'enum': return cellText(c);
    case 'date': return date(c);
    case 'list': {
      if (typeof c !== 'string') return [scalarOrSplit(c, type.element)];
      const numeric = type.element.kind === 'number' || type.element.kind === 'integer';
      return c.trim().split(numeric ? SPLIT_NUMBERS : SPLIT).filter((x) => x !== '').map((x) => scalarOrSplit(x, type.element));
    }
    case 'ratings': return typeof c === 'string' ? ratings(c.trim(), type) : c;
    default: return c instanceof Date ? dateText(c) : c;
  }
}

function number(c: Cell): unknown {
  if (typeof c === 'number') return cellNumber(c);
  if (typeof c !== 'string') return c instanceof Date ? dateText(c) : c;
  const n = readDecimal(c);
  if (n === undefined) return c.trim();
  if ('tooLarge' in n) throw new TooLarge(c.trim());
  return n.value;
}

/** A date column: an Excel date cell (a cell formatted as a date: exceljs gives a Date) or text such
 * as `2026/3/1`, `2026.3.1`, `2026年3月1日` becomes ISO `2026-03-01`; anything else is handed on
 * for the engine to report (KH-E030), as are impossible days (`2026-02-30`). A bare number is not
 * read as a date serial: `2026` meant as a year would silently become 1905-07-18. */
function date(c: Cell): unknown {
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') return c;
  const t = cellText(c);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : t;
}

function bool(c: Cell): unknown {
  if (typeof c === 'boolean') return c;
  const t = cellText(c).toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return cellText(c);
}

/** `群众：95、90；同事：88` (or with `:` and `;`): a ratings input in one cell. Anything else is
 * handed on as text for the engine to report. */
function ratings(t: string, type: Extract<TypeSpec, { kind: 'ratings' }>): unknown {
  const groups = t.split(/\s*[;；\n]\s*/).filter((g) => g !== '');
  const out: Record<string, unknown> = {};
  for (const g of groups) {
    const m = /^([^:：]+?)\s*[:：]\s*(.*)$/.exec(g);
    if (!m) return t;
    const name = type.categories.find((k) => k.label === m[1] && k.name !== m[1])?.name ?? m[1];
    Object.defineProperty(out, name, { value: m[2].split(SPLIT_NUMBERS).filter((x) => x !== '').map(number), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** convertCell, with a too-large number reported instead of thrown. `example`: how a record or list
 * of records not written as JSON is shown written (else one made from `type`: jsonExample). */
export function convert(c: Cell, type: TypeSpec, example?: Msg): Converted {
  if (c instanceof NoValue) return { problem: { code: 'KH-E008', what: M.formulaNoValue() } };
  try {
    return convertCell(c, type, example);
  } catch (e) {
    if (e instanceof TooLarge) return { problem: { code: 'KH-E003', what: M.tooLarge({ found: e.text }) } };
    throw e;
  }
}
