// The broken-scheme corpus: one small scheme per diagnostic code in test/fixtures/broken, with the
// `kaohe check` output kept beside it as NAME.out (`vitest -u` rewrites them). Each file must at
// least produce the code its name starts with. NAME.zh.out holds the same diagnostics as a Chinese
// reader gets them (localizeDiagnostic 'zh'), with their quick-fix titles. A file whose first line is
// `// kaohe check --examples` is checked with that option (KH-C053 needs the examples run).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/commands/check.js';
import { analyze } from '../../dsl/index.js';
import { CODES, localizeDiagnostic } from '../../dsl/diagnostics.js';
import { fakeIO } from './helpers.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/broken');
const files = readdirSync(dir).filter((f) => f.endsWith('.kaohe')).sort();

describe('broken-scheme corpus', () => {
  it('has a scheme for every parse and check code', () => {
    const covered = new Set(files.map((f) => `KH-${f.slice(0, 4).toUpperCase()}`));
    // KH-C000 reports a checker crash (the language service's fallback): no scheme can produce it.
    const wanted = Object.keys(CODES).filter((c) => (c.startsWith('KH-P') || c.startsWith('KH-C')) && c !== 'KH-C000');
    expect(wanted.filter((c) => !covered.has(c))).toEqual([]);
  });

  for (const f of files) {
    it(f, async () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const io = fakeIO({ [f]: text });
      const exit = await run([...(text.startsWith('// kaohe check --examples') ? ['--examples'] : []), f], io);
      const code = `KH-${f.slice(0, 4).toUpperCase()}`;
      expect(io.stdout).toContain(` ${code}: `);
      expect(exit).toBe(io.stdout.includes(': error ') ? 1 : 0);
      await expect(io.stdout).toMatchFileSnapshot(join(dir, f.replace(/\.kaohe$/, '.out')));
    });
  }
});

/** The diagnostics of `f` in Chinese, one a line as `kaohe check` prints them, each fix on the next. */
function chinese(f: string): string {
  const lines: string[] = [];
  for (const d of analyze(readFileSync(join(dir, f), 'utf8'), f).diagnostics) {
    const z = localizeDiagnostic(d, 'zh');
    lines.push(`${f}:${z.range.start.line}:${z.range.start.column}: ${z.severity} ${z.code}: ${z.message}`);
    if (z.fix) lines.push(`  修复：${z.fix.title}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

describe('broken-scheme corpus in Chinese', () => {
  for (const f of files) {
    it(f, async () => {
      await expect(chinese(f)).toMatchFileSnapshot(join(dir, f.replace(/\.kaohe$/, '.zh.out')));
    });
  }
});
