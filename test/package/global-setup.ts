// vitest globalSetup: tests that start `node bin/kaohe.js` run the built CLI (dist/), so dist/ is
// rebuilt first when a source is newer than it (bin/build.js; a second or two, nothing when fresh):
// an edited .ts file never runs as old JavaScript. A build that fails (a syntax error in a file being
// edited) is reported and does not stop the run: the tests that import that file fail on it anyway,
// and only those that spawn bin/kaohe.js depend on dist/.
// It also gives the run one folder for what the package tests share (once.ts: the packed package,
// packed.ts, and the type-check programs, typecheck.ts — the first test that needs one makes it there,
// the others read its result), removed at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from '../../bin/build.js';

export default async function setup(project: TestProject): Promise<() => void> {
  try {
    await ensureBuilt();
  } catch (e) {
    process.stderr.write(`\nkaohe: dist/ could not be rebuilt; tests that run bin/kaohe.js use the last build\n${(e as Error).message}\n\n`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-package-run-'));
  project.provide('packageTestDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
