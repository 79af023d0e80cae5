// The problems list's order (editor/src/problems.ts), on the diagnostics of a real typo: the
// syntax error that causes the others comes first. Plain code, no browser.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { problemOrder } from '../../editor/src/problems.js';

const PROVINCE = readFileSync(join(import.meta.dirname, '../../../shared/spec/examples/province-annual.kaohe'), 'utf8');

describe('problems list order', () => {
  it('puts the typo first, then the other errors, then warnings, each in text order', () => {
    // A keyword typo late in the text, an undefined name before it, an unused input before both.
    const text = PROVINCE.replace('indicator 执法规范', '指表 执法规范').replace('input {', 'input {\n    没用: number = 0')
      .replace('100 - 缺勤天数 * 5', '100 - 缺勤日数 * 5');
    const ordered = problemOrder(analyze(text, 'p.kaohe').diagnostics);
    expect(ordered[0]).toMatchObject({ code: 'KH-P001', fix: { edits: [{ text: '指标' }] } });
    const ranks = ordered.map((d) => (d.severity !== 'error' ? 2 : d.code.startsWith('KH-P') ? 0 : 1));
    expect(ranks).toEqual([...ranks].sort());
    expect(ordered.findIndex((d) => d.code === 'KH-C001')).toBeGreaterThan(0);
    expect(ordered.at(-1)!.severity).toBe('warning');
    for (let i = 1; i < ordered.length; i++) {
      if (ranks[i] === ranks[i - 1]) expect(ordered[i].span.start).toBeGreaterThanOrEqual(ordered[i - 1].span.start);
    }
  });
});
