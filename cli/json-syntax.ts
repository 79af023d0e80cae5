// Where a JSON text stops being JSON, and why, in words of our own (user trial U7-10): JSON.parse's
// message is English inside a Chinese sentence ("Unexpected end of JSON input"), gives a character
// offset at best and none at the end of the text. This scanner is run only after JSON.parse failed
// (its cost is no concern), walks the text with an explicit stack (a deeply nested text cannot
// overflow ours) and answers the first place a JSON parser must refuse: its line and column (from 1,
// the column in characters) and what is wrong there — the text ended early, a character that cannot
// stand there, or more text after the one JSON value.

import { codePointText } from '../dsl/code-point.js';
import type { Msg } from '../dsl/i18n/index.js';
import { SourceFile } from '../dsl/source.js';
import { C } from './messages.js';

export interface JsonSyntaxError { line: number; column: number; kind: 'end' | 'char' | 'after'; char?: string }

const WS = new Set([32, 9, 10, 13]);
const ESCAPES = new Set('"\\/bfnrtu'.split('').map((c) => c.charCodeAt(0)));
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Where `text` is first not JSON, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  let i = 0;
  const stack: number[] = []; // 123 `{` or 91 `[` of each open container
  const at = (kind: JsonSyntaxError['kind']): JsonSyntaxError => whereIn(text, i, kind);
  const bad = () => (i >= n ? at('end') : at('char'));
  const space = () => { while (i < n && WS.has(text.charCodeAt(i))) i++; };
  /** A string token at i; false at its first fault (i left there). */
  const string = (): boolean => {
    if (text.charCodeAt(i) !== 34) return false;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return true; }
      if (c < 0x20) return false;
      if (c !== 92) continue;
      i++;
      if (i >= n || !ESCAPES.has(text.charCodeAt(i))) return false;
      if (text.charCodeAt(i) === 117) for (let k = 0; k < 4; k++) if (++i >= n || !isHex(text.charCodeAt(i))) return false;
    }
    return false;
  };
  const digits = (): boolean => {
    if (i >= n || !isDigit(text.charCodeAt(i))) return false;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    return true;
  };
  const number = (): boolean => {
    if (text.charCodeAt(i) === 45) i++;
    if (text.charCodeAt(i) === 48) i++;
    else if (!digits()) return false;
    if (text.charCodeAt(i) === 46) { i++; if (!digits()) return false; }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) i++;
      if (!digits()) return false;
    }
    return true;
  };
  const literal = (word: string): boolean => {
    for (let k = 0; k < word.length; k++, i++) if (i >= n || text[i] !== word[k]) return false;
    return true;
  };
  /** An object's key and its colon (after `{` or a `,` inside an object). */
  const key = (): boolean => { space(); if (!string()) return false; space(); if (text.charCodeAt(i) !== 58) return false; i++; return true; };

  for (;;) {
    // a value
    space();
    if (i >= n) return at('end');
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      i++;
      space();
      if (text.charCodeAt(i) === c + 2) i++; // `{}` or `[]`
      else {
        stack.push(c);
        if (c === 123 && !key()) return bad();
        continue;
      }
    } else if (c === 34) { if (!string()) return bad(); }
    else if (c === 45 || isDigit(c)) { if (!number()) return bad(); }
    else if (c === 116 || c === 102 || c === 110) { if (!literal(c === 116 ? 'true' : c === 102 ? 'false' : 'null')) return bad(); }
    else return at('char');
    // after a value: the end, a comma or the close of its container
    for (;;) {
      space();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? at('after') : undefined;
      if (i >= n) return at('end');
      const d = text.charCodeAt(i);
      if (d === 44) { i++; if (top === 123 && !key()) return bad(); break; }
      if (d !== top + 2) return at('char');
      i++;
      stack.pop();
    }
  }
}

/** Line and column (from 1: dsl/source.ts) of offset `i`, and the character there. */
function whereIn(text: string, i: number, kind: JsonSyntaxError['kind']): JsonSyntaxError {
  const where: JsonSyntaxError = { ...new SourceFile(text).position(i), kind };
  if (kind === 'char') where.char = String.fromCodePoint(text.codePointAt(i)!);
  return where;
}

/** What is wrong, where, in words (cli/messages.ts): `line 3, column 5: …`. */
export function jsonSyntaxWords(e: JsonSyntaxError): Msg {
  const what = e.kind === 'end' ? C.jsonEnds()
    : e.kind === 'after' ? C.jsonAfter()
      : C.jsonUnexpected({ char: shownChar(e.char ?? '') });
  return C.jsonAt({ line: e.line, column: e.column, what });
}

/** A character as a message shows it: a control character by its code (`U+0009`). */
const shownChar = (c: string): string => (c.codePointAt(0)! < 0x20 ? codePointText(c.codePointAt(0)!) : c);
