// A cohort scheme that divides by the cohort's largest x, so a cohort of zeros is an evaluation error
// in its example — shared by cohort-example-errors.test.ts (where the failure is reported: the
// `given` lines 16 and 17, the scheme's line 5 in the words) and message-lows.test.ts (how
// `kaohe test` words it: 示例的“已知”, and 预期“…” for the expectation that does not hold, line 23).
// e1 passes, e2 fails at its givens, e3 fails its expectation (80/80 × 100 = 100, not 70).

import { expect } from 'vitest';
import { run as testCmd } from '../../cli/commands/test.js';
import type { Lang } from '../../dsl/keywords.js';
import { memoryIO } from '../memory-io.js';

export const DIVIDE_BY_MAX = `scheme 错 "e" {
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
  example e3 {
    given A { x: 80 }
    given B { x: 40 }
    expect A.score == 70
  }
}
`;

/** `kaohe test s.kaohe --lang <lang>` on DIVIDE_BY_MAX: it fails; what it prints. */
export async function testOutput(lang: Lang): Promise<string> {
  const io = memoryIO({ 's.kaohe': DIVIDE_BY_MAX });
  expect(await testCmd(['s.kaohe', '--lang', lang], io)).toBe(1);
  return io.stdout;
}
