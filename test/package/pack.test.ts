// What `npm pack` puts in the tarball (issue 16): the built library and CLI (dist/, bin/kaohe.js) and
// the docs — not the tests, benchmarks or TypeScript sources. (`prepack` also copies the reference
// schemes, migrations and built editor into dist/ in place of their links; not run here: it builds.)

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm pack', () => {
  it('ships dist/ with the declarations and bin/kaohe.js, and no tests or sources', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/engine/result-types.d.ts', 'bin/kaohe.js', 'package.json', 'README.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('bench/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  }, 60_000);
});
