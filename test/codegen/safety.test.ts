// Scheme text never becomes code in a generated program: string literals go through `str`, comments
// through `comment` (engine/codegen/safe.ts). Checked as properties over arbitrary strings and on a
// scheme whose labels, texts and names are hostile (`*/`, quotes, backslashes, `</script>`, U+2028,
// `${}`, names on Object.prototype); its compiled results equal the closures'.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { comment, str } from '../../engine/codegen/safe.js';
import { recordArb } from '../jre/subjects.js';

const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('*/', '/*', '\u2028', '\u2029', '</script>', '${x}', '`', '\\', '"', "'", '\n//'));
const hostile = fc.array(text, { maxLength: 6 }).map((xs) => xs.join(''));

describe('safe.ts', () => {
  it('str(s) is a literal that evaluates to s, on one line, without `<`', () => {
    fc.assert(fc.property(hostile, (s) => {
      const lit = str(s);
      expect(new Function(`return ${lit};`)()).toBe(s);
      expect(/[\n\r\u2028\u2029<]/.test(lit)).toBe(false);
    }), { numRuns: 2000, seed: 16 });
  });
  it('str(s) also survives a line comment (the generated validator names fields in `//` comments with it)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const lit = str(s);
      expect(new Function(`return ${lit}; // ${lit}`)()).toBe(s);
    }), { numRuns: 5_000 });
  });
  it('comment(s) cannot end a line comment or a block comment', () => {
    fc.assert(fc.property(hostile, (s) => {
      const c = comment(s);
      expect(c.includes('*/')).toBe(false);
      expect(/[\n\r\u2028\u2029]/.test(c)).toBe(false);
      expect(new Function(`return 1; // ${c}`)()).toBe(1);
      expect(new Function(`/* ${c} */ return 2;`)()).toBe(2);
    }), { numRuns: 2000, seed: 16 });
  });
});

describe('a hostile scheme', () => {
  const s = prepare(readFileSync('test/codegen/schemes/hostile.kaohe', 'utf8')).value!;
  const plan = planOf(s);
  const c = compileJs(plan);

  it('compiles to source with no raw line separators or `</script`, that parses', () => {
    expect(c.unsupported).toEqual([]);
    const src = c.program!.source;
    expect(/[\u2028\u2029]/.test(src)).toBe(false);
    expect(src.includes('</script')).toBe(false);
    expect(() => new Function('R', 'T', src)).not.toThrow();
    // the labels are in the program as data (escaped), the names in comments cleaned
    expect(src).toContain(str('lbl "*/" \\ ${}'));
    expect(src).toContain('// 指标 甲项 (line 24)');
    expect(src).toContain(str('for */ \\u2028 </script>')); // an attached item's label, in its part of the result
  });

  it('gives the closures\' results, labels and all', async () => {
    const inputs = fc.sample(recordArb(plan.contract), { seed: 16, numRuns: 300 });
    inputs.push({ 数: 95, 等: '甲', 单位: '*/ " \' \\ </script> ${x}', toString: 4, valueOf: true, 评价: { toString: [90, 95], hasOwnProperty: [80] } });
    inputs.push({ 数: 50, 等: 'constructor', 单位: 'x', 评价: { hasOwnProperty: [70] } });
    resetCounters();
    for (let i = 0; i < inputs.length; i++) {
      for (const lang of ['zh', 'en'] as const) {
        const sub = { id: `</script>${i}`, input: inputs[i], display: { 姓名: '*/ \u2028 ${x}' } };
        const a = await evaluate(s, sub, { lang, backend: 'closures' });
        const b = await evaluate(s, sub, { lang, backend: 'compiled' });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }
    }
    expect(codegenCounters.compiled).toBeGreaterThan(inputs.length); // most on the generated code
  });
});
