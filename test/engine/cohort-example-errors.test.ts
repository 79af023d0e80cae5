// An evaluation error in a cohort example (issue 13, hostile finding) fails the example at the `given`
// line of the subject it happened to — not at the scheme expression's line, which stays in the
// message — as docs/language.md says; the CLI names the part in the reader's language (示例的“已知”).
import { describe, expect, it } from 'vitest';
import { prepare, runExamples } from '../../engine/index.js';
import { DIVIDE_BY_MAX, testOutput } from './divide-by-max.js';

describe('an evaluation error in a cohort example', () => {
  it("is reported at the failing subject's given line, the scheme line kept in the words", async () => {
    const p = prepare(DIVIDE_BY_MAX, 's.kaohe');
    const [e1, e2] = await runExamples(p.value!);
    expect(e1.passed).toBe(true);
    expect(e2.passed).toBe(false);
    expect(e2.failures.map((f) => [f.expect, f.line])).toEqual([['given', 16], ['given', 17]]);
    expect(e2.failures[0].message).toContain('subject A');
    expect(e2.failures[0].message).toContain('(line 5)');
  });

  it('reads 示例的“已知” at that line in Chinese — the example\'s part, not an expectation', async () => {
    const stdout = await testOutput('zh');
    expect(stdout).toContain('s.kaohe:16：示例的“已知”：人员“A”：除以零');
    expect(stdout).toContain('s.kaohe:17：示例的“已知”：人员“B”：除以零');
    expect(stdout).not.toContain('预期“已知”');
  });
});
