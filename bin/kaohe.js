#!/usr/bin/env node
// The `kaohe` command: runs the built JavaScript in dist/ (bin/build.js; `npm ci` builds it, `npm
// test` and `npm start` rebuild it when a source is newer). No TypeScript loader at run time.
import module from 'node:module';

// Node ≥ 22.1 caches compiled code on disk between runs; Node 20 has no such cache.
module.enableCompileCache?.();
let cli;
try {
  cli = await Promise.all([import('../dist/bin/io.js'), import('../dist/bin/main.js')]);
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('/dist/bin/')) throw e;
  process.stderr.write('kaohe: dist/ is not built; run `npm run build` (npm ci builds it)\n');
  process.exit(2);
}
const [{ quietWhenOutputClosed }, { main }] = cli;
quietWhenOutputClosed();
process.exitCode = await main(process.argv.slice(2));
