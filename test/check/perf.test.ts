// The checker on a large generated scheme (./gen.ts: role `when` blocks over two enums, the weights
// spread over many groups): only KH-C040 (领导职务 is unused), every weight proof holds. At 2,000
// indicators here; its speed at 10,000 and that it stays linear are time bounds: perf.measure.test.ts
// (`npm run test:measure`; issue 16, session 8).
import { expect, it } from 'vitest';
import { check } from '../../dsl/check/index.js';
import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import { bigScheme } from './gen.js';

it('checks a 2,000-indicator scheme with role blocks: only the unused input is said', () => {
  const file = new SourceFile(bigScheme(2000));
  expect(check(parse(file).value, file).diagnostics.map((d) => d.code)).toEqual(['KH-C040']);
});
