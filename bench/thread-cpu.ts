// CPU time of this process split by thread (Linux /proc/self/task): the main thread — where the
// evaluation runs — and the rest: V8's workers (TurboFan compiling hot functions, GC helpers), libuv's
// pool (file writes), the module loader. A run of 100,000 subjects spends 1–2.5 s of CPU on V8's
// workers, mostly TurboFan (they drop to ≈ 0.4 s with --no-concurrent-recompilation, session 8): a
// cost fixed per process, which a ratio of two children at 100k inherits whole and one at 1M hardly.
// Elsewhere (no /proc): undefined.

import { readdirSync, readFileSync } from 'node:fs';

/** CPU ms of the main thread and of all the others, since the process started. */
export function threadCpu(): { mainMs: number; otherMs: number } | undefined {
  let mainMs = 0, otherMs = 0;
  try {
    for (const t of readdirSync('/proc/self/task')) {
      // fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 Hz)
      const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1]?.split(' ');
      if (!f) continue;
      const ms = (Number(f[11]) + Number(f[12])) * 10;
      if (t === String(process.pid)) mainMs += ms; else otherMs += ms;
    }
  } catch {
    return undefined;
  }
  return { mainMs, otherMs };
}
