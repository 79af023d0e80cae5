// The slips the parser reads as meant and leaves for parse() to report (KH-P001 `权重` left out,
// `比例 不超过 20%`, `=>` for `:`, `去掉最高最低分` in a panel; KH-P013 … KH-P015): the parser's fields
// that collect them, listed once. A parse's run carries them (index.ts parseTokens), and an incremental
// reparse that met any gives way to the full parse, which reports them (incremental.ts). A new kind is
// a field of its parser mixin, its name here and its report in index.ts — no longer four more places.

import type { KaoheParser } from './parser.js';

export const SLIP_LISTS = ['softWords', 'strayUnits', 'misplacedWhens', 'bareWeights', 'atMostWords', 'arrowBodies', 'trimWords'] as const;

export type Slips = Pick<KaoheParser, (typeof SLIP_LISTS)[number]>;

/** The slip lists of the parse just done (the parser starts new ones at its next `begin`). */
export const slipsOf = (p: KaoheParser): Slips => Object.fromEntries(SLIP_LISTS.map((k) => [k, p[k]])) as unknown as Slips;

/** Whether the parse met any slip. */
export const anySlip = (p: Slips): boolean => SLIP_LISTS.some((k) => p[k].length > 0);
