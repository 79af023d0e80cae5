// An evaluation error in a cohort example (issue 13, hostile finding) fails the example at the `given`
// line of the subject it happened to — not at the scheme expression's line, which stays in the
// message — as docs/language.md says; the CLI names the part in the reader's language (预期“已知”).
import { describe, expect, it } from 'vitest';
import { prepare, runExamples } from '../../engine/index.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { memoryIO } from '../memory-io.js';

const SCHEME = `scheme 错 "e" {
  input {
    x: number in [0, 100]
  }
  indicator a points 100 = x / overall max(x) * 100
  grades {
    好 when score > 50
    差 otherwise
  }
  example e1 {
    given A { x: 5 }
    given B { x: 0 }
    expect A.score == 100
  }
  example e2 {
    given A { x: 0 }
    given B { x: 0 }
    expect A.score == 0
  }
}
`;

describe('an evaluation error in a cohort example', () => {
  it("is reported at the failing subject's given line, the scheme line kept in the words", async () => {
    const p = prepare(SCHEME, 's.kaohe');
    const [e1, e2] = await runExamples(p.value!);
    expect(e1.passed).toBe(true);
    expect(e2.passed).toBe(false);
    expect(e2.failures.map((f) => [f.expect, f.line])).toEqual([['given', 16], ['given', 17]]);
    expect(e2.failures[0].message).toContain('subject A');
    expect(e2.failures[0].message).toContain('(line 5)');
  });

  it('reads 预期“已知” at that line in Chinese', async () => {
    const io = memoryIO({ 's.kaohe': SCHEME });
    expect(await testCmd(['s.kaohe', '--lang', 'zh'], io)).toBe(1);
    expect(io.stdout).toContain('s.kaohe:16：预期“已知”：人员“A”：除以零');
    expect(io.stdout).toContain('s.kaohe:17：预期“已知”：人员“B”：除以零');
  });
});
