// The package as `npm pack` makes it, installed — made once per `npm test` for every test that
// needs it (once.ts; issue 16: pack.test.ts and no-node-types.test.ts each packed it, ≈ 3 s of CPU a
// pack): the tarball unpacked into the run folder's node_modules/kaohe, with the dependencies npm
// would install for it (dependencies and the optional ones present here) linked one by one into its
// own node_modules — nothing else of ours is reachable from it, @types/node included (npm would hoist
// that only through exceljs → fast-csv). pack.test.ts runs it, typecheck.ts compiles consumers of it.
// (`prepack` builds what is stale first; here dist/ is fresh from the globalSetup and scripts are skipped.)

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../bin/build.js';
import { oncePerRun } from './once.js';
import { CHILD_FLAGS } from '../child-flags.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Packed {
  /** The run's folder: a consumer project whose node_modules/kaohe is the package. */
  dir: string;
  /** The installed package (dir/node_modules/kaohe). */
  pkg: string;
  /** The paths `npm pack` listed in the tarball. */
  files: string[];
}

/** `npm …args`: npm's own script under this node with the children's V8 flags (child-flags.ts) when npm
 * started the run (`npm test`, `npx vitest`: npm_execpath names npm-cli.js), else the `npm` on the PATH. */
function npm(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && basename(cli) === 'npm-cli.js' ? [process.execPath, [...CHILD_FLAGS, cli, ...args]] : ['npm', args];
}

/** The packed and installed package (made by the first test process that asks). */
export const packed = (): Promise<Packed> => oncePerRun('packed', async (dir) => {
  await ensureBuilt({ types: true }); // the declarations ship too
  const out = execFileSync(...npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir]), { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const pack = (JSON.parse(out) as { filename: string; files: { path: string }[] }[])[0]!;
  const pkg = join(dir, 'node_modules/kaohe');
  mkdirSync(pkg, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, pack.filename), '-C', pkg, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  const optional = Object.keys(manifest.optionalDependencies ?? {}).filter((d) => existsSync(join(ROOT, 'node_modules', d)));
  for (const d of [...Object.keys(manifest.dependencies ?? {}), ...optional]) {
    mkdirSync(dirname(join(pkg, 'node_modules', d)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', d), join(pkg, 'node_modules', d), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  return { dir, pkg, files: pack.files.map((f) => f.path) };
});
