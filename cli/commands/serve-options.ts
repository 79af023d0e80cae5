// The numbers `kaohe serve` takes, each with what it accepts, and the line said when one is out of
// it — which option, what it takes, what was given — instead of the bare usage (trial V12:
// `--workers 0`, `--workers 65` and `--workers two` were answered with the usage alone).

import type { Msg } from '../../dsl/i18n/index.js';
import { C } from '../messages.js';

/** What an option accepts: a whole number or any number, from `min` (or above it) to `max` (or without
 * an end). */
interface Accepts {
  whole: boolean;
  min: number;
  max?: number;
  /** min itself is not accepted (a number of hours above 0). */
  above?: boolean;
}

/** Seconds of the edge's timeouts: a millisecond to a day. */
const SECONDS: Accepts = { whole: false, min: 0.001, max: 86_400 };

export const SERVE_NUMBERS: Readonly<Record<string, Accepts>> = {
  port: { whole: true, min: 0, max: 65535 },
  // Processes serving one port: up to 64 (more than any machine it is meant for has cores).
  workers: { whole: true, min: 1, max: 64 },
  // The PostgreSQL pool's size per process (node-postgres' Pool `max`; 10 when not given): a thousand
  // is past any server's max_connections a deployment would give one process.
  'db-pool': { whole: true, min: 1, max: 1000 },
  'session-hours': { whole: false, min: 0, max: 24 * 365, above: true },
  'max-source-bytes': { whole: true, min: 1 },
  // 1 KiB to 1 GiB (the default is createApp's 2 MiB).
  'max-body-bytes': { whole: true, min: 1024, max: 2 ** 30 },
  // A cohort evaluation's whole budget (createApp's cohortMaxMs, default 10 s), 1 s to an hour — a
  // server that takes 10,000-person cohorts while busy needs more (user trials U7-17, U8-2).
  'cohort-max-seconds': { whole: false, min: 1, max: 3600 },
  'headers-timeout': SECONDS,
  'request-timeout': SECONDS,
  'keep-alive-timeout': SECONDS,
  'idle-timeout': SECONDS,
  'max-connections': { whole: true, min: 1 },
};

/** Whether `text` is a number `a` accepts (decimal only: `0x10` and `1e3` are typos here, not numbers). */
function accepted(text: string, a: Accepts): boolean {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text.trim())) return false;
  const n = Number(text);
  if (a.whole && !Number.isSafeInteger(n)) return false;
  if (a.above ? n <= a.min : n < a.min) return false;
  return a.max === undefined || n <= a.max;
}

/** What `a` accepts, in words. */
function acceptsMsg(a: Accepts): Msg {
  if (a.above) return C.acceptsAbove({ min: a.min, max: a.max ?? Infinity });
  if (a.max === undefined) return C.acceptsWholeAtLeast({ min: a.min });
  return a.whole ? C.acceptsWhole({ min: a.min, max: a.max }) : C.acceptsNumber({ min: a.min, max: a.max });
}

/** The first number among `opts` that is out of what its option accepts, said as one line; undefined
 * when every one given is accepted. */
export function numberProblem(opts: ReadonlyMap<string, string | true>, prog: string): Msg | undefined {
  for (const [option, value] of opts) {
    const a = SERVE_NUMBERS[option];
    if (a === undefined || typeof value !== 'string' || accepted(value, a)) continue;
    return C.badNumber({ prog, option: `--${option}`, accepts: acceptsMsg(a), value });
  }
  return undefined;
}
