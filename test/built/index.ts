// The node arguments that run a test's child process (a .ts file under test/) on the built code:
// `spawn(process.execPath, [...RUN_BUILT, 'child.ts', …])` in place of `'--import', 'tsx'` — the child's
// own .ts files are transpiled, the project's modules come from dist/ (./register.mjs, ./hooks.mjs).
import { fileURLToPath } from 'node:url';

export const RUN_BUILT = ['--import', fileURLToPath(new URL('./register.mjs', import.meta.url))];
