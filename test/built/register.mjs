// `node --import <this file> child.ts …`: runs a test's child process on the BUILT code instead of
// through tsx (issue 16, `npm test` < 120 s). tsx transpiles every module a child imports at each
// start (~800 for the server: ≈ 1.5–2 s CPU a child); here the child's own .ts files (under test/) are
// transpiled by esbuild, one by one, and every project module they import (dsl/, engine/, server/…)
// is taken from dist/ — the JavaScript `kaohe` runs, rebuilt by the test globalSetup
// (test/package/global-setup.ts) whenever a source is newer. The hooks: ./hooks.mjs.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
