// Documentation that must not drift from the code: docs/diagnostics.md is generated from the code
// registries (run `npx vitest -u test/docs.test.ts` after adding a code), and the README's example
// scheme must check clean.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../dsl/diagnostics.js';
import { ENGINE_CODES } from '../engine/errors.js';
import { analyze } from '../dsl/index.js';
import { ZH_TITLES } from '../dsl/code-titles-zh.js';

const root = join(import.meta.dirname, '..');

function diagnosticsDoc(): string {
  const lines = [
    '# Diagnostic codes',
    '',
    'Generated from `dsl/diagnostics.ts` and `engine/errors.ts` by `test/docs.test.ts`. Codes are stable:',
    'tools and tests match on them, never on the wording of messages.',
    '',
    'The Chinese titles (`dsl/code-titles-zh.ts`) are what the editor shows before a message in its',
    'Chinese UI.',
    '',
    '| code | severity | meaning | 中文 |',
    '|---|---|---|---|',
    ...Object.entries(CODES).map(([code, [severity, title]]) => `| ${code} | ${severity} | ${title} | ${ZH_TITLES[code]} |`),
    ...Object.entries(ENGINE_CODES).map(([code, title]) => `| ${code} | error | ${title} | ${ZH_TITLES[code]} |`),
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

  it('every code, and only a code, has a Chinese title', () => {
    const codes = [...Object.keys(CODES), ...Object.keys(ENGINE_CODES)].sort();
    expect(Object.keys(ZH_TITLES).sort()).toEqual(codes);
    for (const title of Object.values(ZH_TITLES)) expect(title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the README example scheme checks without errors', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /```kaohe\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const errors = analyze(block![1], 'README.md').diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });
});
