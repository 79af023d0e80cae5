// Module hooks for test children (./register.mjs): a relative `.js` import of a project source
// (`../../server/app.js` → server/app.ts) resolves to its built module in dist/; any other `.ts` file
// (the child itself, test helpers) is transpiled here by esbuild — types stripped, nothing bundled.
// A source without a built module (dist/ not built yet) is transpiled too, so a child never fails
// for want of a build; the globalSetup builds dist/ before any test runs.
import { existsSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = `${ROOT}dist${sep}`;
/** Folders whose .ts files are never built into dist/ (bin/build.js SOURCE_DIRS lists what is). */
const NOT_BUILT = ['test', 'bench', 'editor', 'node_modules', 'dist'];

let esbuild;

/** The dist/ module built from `tsPath`, when there is one. */
function built(tsPath) {
  const rel = relative(ROOT, tsPath);
  if (rel.startsWith('..') || NOT_BUILT.includes(rel.split(sep)[0])) return undefined;
  const js = DIST + rel.replace(/\.ts$/, '.js');
  return existsSync(js) ? js : undefined;
}

export async function resolve(specifier, context, next) {
  if (context.parentURL?.startsWith('file:') && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
    const target = new URL(specifier, context.parentURL);
    const path = fileURLToPath(target);
    if (!existsSync(path)) {
      const ts = path.replace(/\.js$/, '.ts');
      if (existsSync(ts)) {
        const js = built(ts);
        return { url: js ? pathToFileURL(js).href : pathToFileURL(ts).href, shortCircuit: true };
      }
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  esbuild ??= await import('esbuild');
  const path = fileURLToPath(url);
  const { code } = await esbuild.transform(readFileSync(path, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: path });
  return { format: 'module', source: code, shortCircuit: true };
}
