// The new-scheme templates (editor/src/template.ts): the Chinese one is the English one in Chinese
// keywords — the same scheme, no problems, its example passing — so a Chinese reader starts from
// the same valid scheme (issue 11 item 5).

import { describe, expect, it } from 'vitest';
import { LanguageService } from '../../dsl/service/index.js';
import { prepare, runExamples } from '../../engine/index.js';
import { TEMPLATE, TEMPLATE_ZH } from '../../editor/src/template.js';

/** The text after the service's formatter, in keyword language `kw`. */
function formatted(text: string, kw: 'en' | 'zh'): string {
  const ls = new LanguageService();
  expect(ls.update(text).map((d) => d.code)).toEqual([]);
  let out = text;
  for (const e of [...ls.format(kw)!].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('new-scheme templates', () => {
  it('are the same scheme in the two keyword languages', () => {
    expect(formatted(TEMPLATE_ZH, 'en')).toBe(formatted(TEMPLATE, 'en'));
    expect(formatted(TEMPLATE, 'zh')).toBe(formatted(TEMPLATE_ZH, 'zh'));
  });

  it('passes its own example in both languages', async () => {
    for (const text of [TEMPLATE, TEMPLATE_ZH]) {
      const p = prepare(text);
      expect(p.diagnostics).toEqual([]);
      expect((await runExamples(p.value!)).map((x) => x.passed)).toEqual([true]);
    }
  });

  it('uses only Chinese keywords in the Chinese one', () => {
    expect(TEMPLATE_ZH).not.toMatch(/[A-Za-z]/);
    expect(TEMPLATE).toMatch(/^scheme /);
  });
});
