// Vite build of the web editor: root is editor/, output editor/dist (served by the server at `/`).
// Everything is bundled (Monaco, its editor worker, our language-service worker, ECharts): the
// editor must work on a closed network, so there is no CDN. `npm run dev:editor` proxies /api and
// /signin to a local `kaohe serve` on 8787.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const monacoEsm = fileURLToPath(new URL('../node_modules/monaco-editor/esm/vs', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // Deep Monaco files that the package's `exports` map does not expose (CSS, internal modules).
  resolve: { alias: [{ find: /^monaco-esm\/(.*)$/, replacement: `${monacoEsm}/$1` }] },
  build: {
    // KAOHE_EDITOR_DIST builds elsewhere (parallel test runs on one checkout); the server reads it too.
    outDir: process.env.KAOHE_EDITOR_DIST ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The page is one chunk of ~4.5 MB (slim Monaco ~4 MB + ECharts + UI), loaded once from the
    // local server; splitting it would not make the first paint faster. Warn only well above it.
    chunkSizeWarningLimit: 6144,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787', '/signin': 'http://127.0.0.1:8787', '/signout': 'http://127.0.0.1:8787' },
  },
});
