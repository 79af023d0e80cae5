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

/** The middle value of `xs` (the upper one of the two middle ones when their number is even). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** CPU ms of `fn`, sync or async (the whole process — its own threads too, e.g. zlib's — but not
 * a neighbour's: steadier than wall time on a shared machine). */
export async function cpuMs(fn: () => unknown): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Runs the measurements round-robin after one warm-up round (noise from other processes hits all
 * of them alike; the order is reversed every other round, so no measurement always follows the
 * same one and inherits its garbage) and returns each one's median CPU ms over `rounds`, and its
 * median wall ms. */
export async function interleavedCpu<K extends string>(fns: Record<K, () => unknown>, rounds: number): Promise<Record<K, number> & { wall: Record<K, number> }> {
  const keys = Object.keys(fns) as K[];
  const cpu = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const wall = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r <= rounds; r++) {
    for (const k of r % 2 ? [...keys].reverse() : keys) {
      const t0 = performance.now();
      const ms = await cpuMs(fns[k]);
      if (r > 0) { cpu[k].push(ms); wall[k].push(performance.now() - t0); }
    }
  }
  const medians = (t: Record<K, number[]>) => Object.fromEntries(keys.map((k) => [k, median(t[k])])) as Record<K, number>;
  return { ...medians(cpu), wall: medians(wall) };
}
