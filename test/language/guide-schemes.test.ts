// The user's guide in both languages (docs/指南.md, docs/guide.md): every whole scheme it shows checks
// without errors — a reader copies them — and the per-post indicator example (U5 A-1: the guide must
// show the `当 岗位 == … { 指标 … }` block) is there in both, the same scheme in either keyword language,
// and its weights are proved per post: dropping one post's block is a KH-C010 naming that post.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';
import { fmt } from '../format/helpers.js';

const DOCS = join(import.meta.dirname, '../../docs');
const GUIDES = ['指南.md', 'guide.md'];

/** The ```kaohe blocks of a guide that are whole schemes (not snippets), with their line. */
function schemes(guide: string): { line: number; text: string }[] {
  const text = readFileSync(join(DOCS, guide), 'utf8');
  return [...text.matchAll(/```kaohe\n([\s\S]*?)```/g)]
    .filter((m) => /^(\/\/.*\n)*\s*(方案|scheme)\s/.test(m[1]))
    .map((m) => ({ line: text.slice(0, m.index).split('\n').length, text: m[1] }));
}

const perPost = (guide: string) => schemes(guide).find((s) => /(方案|scheme) 岗位考核 /.test(s.text))?.text;

describe('the guides’ schemes', () => {
  for (const guide of GUIDES) {
    it(`${guide}: every whole scheme checks without errors`, () => {
      const found = schemes(guide);
      expect(found.length).toBeGreaterThanOrEqual(2);
      for (const s of found) {
        const errors = analyze(s.text).diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map((d) => `${guide}:${s.line + d.range.start.line}: ${d.code} ${d.message}`)).toEqual([]);
      }
    });
  }

  it('the per-post example: `当 … { … }` blocks, the same scheme in both guides', () => {
    const zh = perPost('指南.md'), en = perPost('guide.md');
    expect(zh).toMatch(/\n {4}当 岗位 == 领导职务 \{\n/);
    expect(en).toMatch(/\n {4}when 岗位 == 领导职务 \{\n/);
    expect(zh).toMatch(/布尔 = 否/);
    expect(fmt(zh!, 'en')).toBe(fmt(en!, 'en'));
  });

  it('the per-post example proves each post: a post left without indicators is named', () => {
    const zh = perPost('指南.md')!.replace(/ {4}当 岗位 == 窗口岗位 \{\n[^}]*\}\n/, '');
    const c010 = analyze(zh).diagnostics.filter((d) => d.code === 'KH-C010');
    expect(c010.map((d) => localizeDiagnostic(d, 'zh').message)).toEqual(['岗位为窗口岗位时，“个性指标”下各项权重之和为 0%，应为 100%']);
  });
});
