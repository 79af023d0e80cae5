// The checker reports at most CHECK_PROBLEM_LIMIT problems and one KH-C060 for the rest: a 1 MB
// scheme naming 50,000 unknown things gave 50,000 diagnostics (megabytes of answer). 5,000 here prove
// the same (a sink without the limit fails at any size over it) at a tenth of the CPU (issue 16).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { CHECK_PROBLEM_LIMIT } from '../../dsl/check/sink.js';
import { engine } from '../../engine/index.js';

/** A scheme whose lets name `n` unknown things (KH-C001 errors), five per let. */
function unknownNames(n: number): string {
  const lines = ['scheme 多 {', '  input { x: number = 1 }'];
  for (let i = 0; i < n; i += 5) {
    lines.push(`  let l${i} = ${Array.from({ length: Math.min(5, n - i) }, (_, j) => `u${i + j}`).join(' + ')}`);
  }
  lines.push('  indicator i points 100 = x', '}', '');
  return lines.join('\n');
}

/** A scheme with `n` unused inputs (KH-C040 warnings) and nothing wrong otherwise. */
function unusedInputs(n: number): string {
  const fields = Array.from({ length: n }, (_, i) => `    f${i}: number = 0`).join('\n');
  return `scheme 多 {\n  input {\n    x: number = 1\n${fields}\n  }\n  indicator i points 100 = x\n}\n`;
}

describe(`at most ${CHECK_PROBLEM_LIMIT} problems (KH-C060)`, () => {
  it('reports the limit and one KH-C060 that counts the rest, at the first one left out', () => {
    const a = analyze(unknownNames(5_000), 'many.kaohe');
    const closing = a.diagnostics.filter((d) => d.code === 'KH-C060');
    expect(a.diagnostics).toHaveLength(CHECK_PROBLEM_LIMIT + 1);
    expect(closing).toHaveLength(1);
    expect(closing[0].severity).toBe('error');
    expect(closing[0].message).toContain(`${(5_000 - CHECK_PROBLEM_LIMIT).toLocaleString('en')} more`);
    const lastShown = Math.max(...a.diagnostics.filter((d) => d.code === 'KH-C001').map((d) => d.span.start));
    expect(closing[0].span.start).toBeGreaterThan(lastShown);
  });

  it('has no KH-C060 at exactly the limit', () => {
    const codes = analyze(unknownNames(CHECK_PROBLEM_LIMIT), 'many.kaohe').diagnostics.map((d) => d.code);
    expect(codes).toHaveLength(CHECK_PROBLEM_LIMIT);
    expect(codes).not.toContain('KH-C060');
  });

  it('is a warning when only warnings were left out, so the scheme still compiles', () => {
    const text = unusedInputs(CHECK_PROBLEM_LIMIT + 20);
    const closing = analyze(text, 'many.kaohe').diagnostics.filter((d) => d.code === 'KH-C060');
    expect(closing.map((d) => [d.severity, d.message.split(':')[1].trim()])).toEqual([['warning', '20 more are not shown; fix the first 100 and check again']]);
    expect(engine.prepare(text, 'many.kaohe').value).toBeDefined();
  });
});
