// Which tier a test file runs in (docs/testing.md): `npm test` proves behaviour; `npm run
// test:measure` (vitest.measure.config.ts sets KAOHE_MEASURE=1) also asserts measurements.
// Most measurements live in their own `*.measure.test.ts`; a file whose measurement needs the same
// costly run as its behaviour (server/hostile: one corpus against a live server) marks those tests
// `it.runIf(MEASURING)` and is listed in the measure config too.
export const MEASURING = process.env.KAOHE_MEASURE === '1';
/** `npm run test:differential` (its config sets KAOHE_FULL=1): a file's costlier proof that its check
 * can fail — a second program compiled on a broken copy — runs there, beside the behaviour `npm test` proves. */
export const FULL_TIER = process.env.KAOHE_FULL === '1';
