// The script a language worker runs. A worker thread has no TypeScript loader of its own: the
// fallback, worker-entry.mjs, registers tsx and imports worker.ts, which then loads the language
// and the engine module by module through tsx's loader — 1.5–2 s on an idle machine, 5–8 s on a
// loaded one, paid again by every replacement of a stopped worker. So the pool first bundles
// worker.ts with esbuild (tsx's own compiler, already installed with it) into one ES module in the
// temporary directory, named by its content's hash: a worker loads that in about a second
// (measured 1.0–1.6 s under the same load, its parser warm-up included). The bundle is built once
// per process, off the event loop (esbuild runs as a child process); should anything fail — no
// esbuild, a build error, a bundle whose worker dies before it is ready — workers use the tsx entry.

import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** worker.ts through tsx: works wherever the project runs, slower to start. */
export const TSX_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

// CommonJS packages inside an ES module bundle call `require` for Node's built-ins.
const BANNER = "import { createRequire as __kaoheRequire } from 'node:module'; const require = __kaoheRequire(import.meta.url);";

async function bundle(): Promise<URL> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent',
    banner: { js: BANNER },
  });
  const text = out.outputFiles[0].text;
  const file = join(tmpdir(), `kaohe-lang-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, file); // whole or absent, whichever process wrote it
  }
  return pathToFileURL(file);
}

let script: Promise<URL> | undefined;

/** The bundled worker, or the tsx entry when it cannot be had. */
export function workerScript(): Promise<URL> {
  return (script ??= bundle().catch(() => TSX_ENTRY));
}

/** A bundled worker died before it was ready: the tsx entry from now on. */
export function bundleFailed(): void {
  script = Promise.resolve(TSX_ENTRY);
}
