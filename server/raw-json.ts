// JSON answers that embed stored JSON text verbatim. A stored evaluation keeps its request body as
// sent; parsing it to put it into an answer would round numbers a double cannot carry
// (9007199254740993 would be shown as 9007199254740992), so the text is spliced in as it is.

import { randomBytes } from 'node:crypto';

/** Valid JSON text to be placed into an answer unchanged. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify, with every RawJson value written as its text. */
export function stringifyWithRaw(value: unknown): string {
  const raws: string[] = [];
  const tag = `\u0000raw-${randomBytes(8).toString('hex')}-`;
  const json = JSON.stringify(value, (_k, v: unknown) => (v instanceof RawJson ? tag + (raws.push(v.text) - 1) : v));
  if (raws.length === 0) return json;
  // The tag's \u0000 is escaped by JSON.stringify; match the escaped form.
  const escaped = JSON.stringify(tag).slice(1, -1);
  return json.replace(new RegExp(`"${escaped.replace(/\\/g, '\\\\')}(\\d+)"`, 'g'), (_m, i: string) => raws[Number(i)]);
}
