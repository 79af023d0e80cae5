// The input contract as JSON Schema in Chinese speaks Chinese (black-box trial V11, LOW-11): its top
// description said “results of”、“past” and “missing error” — the English keywords — and a related
// input's type said `null` in backticks. Every description and title of every reference scheme's zh
// schema has no Latin word and no backtick outside “…” (JSON keys and literals are quoted there);
// the keywords it names are the Chinese spellings of dsl/keywords.ts.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYWORDS } from '../../dsl/keywords.js';
import { inputSchema, prepare } from '../../engine/index.js';

const DIR = join(import.meta.dirname, '../../schemes');
const SCHEMES = readdirSync(DIR).filter((f) => f.endsWith('.kaohe'));

function texts(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) for (const v of x) texts(v, out);
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if ((k === 'description' || k === 'title') && typeof v === 'string') out.push(v);
      else texts(v, out);
    }
  }
  return out;
}

/** What is left of a text once its “…” quotations are taken out. */
const unquoted = (t: string) => t.replace(/“[^”]*”/g, '');

describe('inputSchema(scheme, "zh")', () => {
  it('has no English word or backtick outside “…” in any description or title', () => {
    expect(SCHEMES.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const f of SCHEMES) {
      const s = prepare(readFileSync(join(DIR, f), 'utf8')).value!;
      for (const t of texts(inputSchema(s, 'zh'))) if (/[A-Za-z]{2,}|`/.test(unquoted(t))) found.push(`${f}: ${t}`);
    }
    expect(found).toEqual([]);
  });

  it('names `results of`, `past` and `missing error` by their Chinese keywords', () => {
    const zh = (id: string) => KEYWORDS.find((k) => k[0] === id)![2];
    const s = prepare(readFileSync(join(DIR, 'annual-review.kaohe'), 'utf8')).value!;
    const top = inputSchema(s, 'zh').description as string;
    for (const w of [zh('resultsOf'), zh('past'), `${zh('missing')} ${zh('error')}`]) expect(top).toContain(`“${w}”`);
    expect(top).not.toMatch(/results of|past|missing error/);
  });
});
