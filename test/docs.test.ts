// Documentation that must not drift from the code: docs/diagnostics.md is generated from the code
// registries (run `npx vitest -u test/docs.test.ts` after adding a code), and the README's example
// scheme must check clean.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../dsl/diagnostics.js';
import { ENGINE_CODES } from '../engine/errors.js';
import { analyze } from '../dsl/index.js';

const root = join(import.meta.dirname, '..');

function diagnosticsDoc(): string {
  const lines = [
    '# Diagnostic codes',
    '',
    'Generated from `dsl/diagnostics.ts` and `engine/errors.ts` by `test/docs.test.ts`. Codes are stable:',
    'tools and tests match on them, never on the wording of messages.',
    '',
    '| code | severity | meaning |',
    '|---|---|---|',
    ...Object.entries(CODES).map(([code, [severity, title]]) => `| ${code} | ${severity} | ${title} |`),
    ...Object.entries(ENGINE_CODES).map(([code, title]) => `| ${code} | error | ${title} |`),
    '',
    '`KH-P…` come from the lexer and parser, `KH-C…` from the checker, `KH-E…` from input validation',
    'and evaluation (reported with the JSON path of the input and the source line of the expression).',
    '',
  ];
  return lines.join('\n');
}

describe('docs', () => {
  it('docs/diagnostics.md lists every code', async () => {
    await expect(diagnosticsDoc()).toMatchFileSnapshot(join(root, 'docs/diagnostics.md'));
  });

  it('the README example scheme checks without errors', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /```kaohe\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const errors = analyze(block![1], 'README.md').diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });
});
