// The browser tests (test/browser/*.browser.ts): a real `kaohe serve`, the built editor and headless
// Chromium. Separate from `vitest run` because they need /usr/bin/chromium and a Vite build; run
// them with `npx vitest run -c vitest.browser.config.ts` (KAOHE_BROWSER_TESTS=0 skips them).

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
