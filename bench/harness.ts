// Shared benchmark plumbing: timing with warm-up and repeats, and the result row every benchmark
// returns. Timings on this shared machine drift, so each benchmark reports a ratio against a
// baseline measured in the same run, next to the absolute figures.

export interface BenchRow {
  bench: string;
  case: string;
  value: number;
  unit: string;
  /** The same-run baseline this row is compared with, and the ratio (value ÷ baseline or as stated). */
  baseline?: string;
  ratio?: number;
  target?: string;
  ok?: boolean;
}

/** Median time in ms of `fn` over `repeats` runs after `warmup` runs. For synchronous work this is
 * the process's CPU time, not wall time: on a shared machine a busy neighbour stretches wall time
 * but barely changes the CPU time the work itself takes. */
export function timeMedian(fn: () => void, repeats = 5, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function timeMedianAsync(fn: () => Promise<void>, repeats = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
