// The problems list's order (editor/src/problems.ts), on the diagnostics of a real typo: the
// syntax error that causes the others comes first. Plain code, no browser.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { problemOrder } from '../../editor/src/problems.js';

const PROVINCE = readFileSync(join(import.meta.dirname, '../../../shared/spec/examples/province-annual.kaohe'), 'utf8');

describe('problems list order', () => {
  it('puts the typo first, then the errors it causes, then warnings, each in text order', () => {
    const text = PROVINCE.replace('indicator 政治素质', '指表 政治素质').replace('input {', 'input {\n    没用: number = 0');
    const ordered = problemOrder(analyze(text, 'p.kaohe').diagnostics);
    expect(ordered[0]).toMatchObject({ code: 'KH-P001', fix: { edits: [{ text: '指标' }] } });
    const ranks = ordered.map((d) => (d.severity !== 'error' ? 2 : d.code.startsWith('KH-P') ? 0 : 1));
    expect(ranks).toEqual([...ranks].sort());
    expect(ordered.some((d) => d.code === 'KH-C010')).toBe(true); // the weight the skipped indicator had
    expect(ordered.at(-1)!.severity).toBe('warning');
  });
});
