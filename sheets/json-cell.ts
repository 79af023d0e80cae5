// A cell that holds JSON (`[{"名称": "课题", "完成率": 0.95}]` for a list of records, `{"上级": [95]}`
// for ratings): parsed here rather than by JSON.parse, so each number is read exactly by the rule of
// decimal.ts (a long decimal becomes its exact Rational, not the nearest double) — the semantics of
// engine/json-exact.ts, without its node: dependency. Nesting is bounded; errors say where, and a
// Chinese input method's quote, comma or colon where JSON takes an ASCII one is named (user trial U5
// fullWidthAt, for the cell's message, as the scheme parser's KH-P005 does).

import type { Rational } from '../dsl/rational.js';
import { readDecimal } from './decimal.js';

export type JsonCellValue = null | boolean | string | number | Rational | JsonCellValue[] | { [k: string]: JsonCellValue };

/** Thrown for malformed JSON; `at` is the 0-based character offset. `tooLarge`: a number beyond
 * the readable magnitude (reported like a too-large number cell). */
export class JsonCellError extends Error {
  constructor(readonly at: number, message: string, readonly tooLarge = false) { super(message); }
}

const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function parseJsonCell(text: string): JsonCellValue {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const fail = (what: string): never => { throw new JsonCellError(i, what); };
  const value = (depth: number): JsonCellValue => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, JsonCellValue> = {};
      ws();
      if (text[i] === '}') { i++; return out; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a quoted key');
        const key = string();
        ws();
        if (text[i++] !== ':') { i--; fail('expected :'); }
        Object.defineProperty(out, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return out; }
        fail('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      const out: JsonCellValue[] = [];
      ws();
      if (text[i] === ']') { i++; return out; }
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return out; }
        fail('expected , or ]');
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('expected a value');
    const start = i;
    i += m[0].length;
    const n = readDecimal(m[0])!;
    if ('tooLarge' in n) throw new JsonCellError(start, `the number ${m[0]} is too large to read`, true);
    return n.value;
  };
  const string = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) return fail('malformed string');
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const v = value(0);
  ws();
  if (i < text.length) fail('unexpected text after the value');
  return v;
}

/** A Chinese input method's characters where JSON takes ASCII ones. */
const FULL_WIDTH_JSON: Readonly<Record<string, string>> = {
  '“': '"', '”': '"', '‘': '"', '’': '"', '＂': '"', '，': ',', '：': ':', '［': '[', '］': ']', '｛': '{', '｝': '}',
};

/** The ASCII character meant by the full-width one at `at` of a JSON text, if it is one. */
export function fullWidthAt(text: string, at: number): { char: string; ascii: string } | undefined {
  const char = text[at];
  const ascii = char === undefined ? undefined : FULL_WIDTH_JSON[char];
  return ascii === undefined ? undefined : { char: char!, ascii };
}

/** Whether a cell's text is meant as JSON: it starts with `[` or `{`, typed in either width. */
export const looksLikeJson = (t: string): boolean => /^[[{［｛]/.test(t);
