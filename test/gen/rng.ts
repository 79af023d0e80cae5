// The randomness the scheme generator draws from. Generators are plain functions of an `Rng`, so the
// same code runs under fast-check (`rngOf(g)` over `fc.gen()`, with shrinking: every draw shrinks
// towards its simplest value — 0, the first choice, `false`) or from a fixed seed (`seededRng`) for
// benchmarks and fixtures.

import fc from 'fast-check';

export interface Rng {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  bool(p?: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function rngOf(g: fc.GeneratorValue): Rng {
  const int = (min: number, max: number) => (max <= min ? min : g(fc.integer, { min, max }));
  return {
    int,
    bool: (p = 0.5) => int(0, 999) >= 1000 - p * 1000,
    pick: (items) => items[int(0, items.length - 1)],
  };
}

/** A deterministic Rng (mulberry32) for use outside properties. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => (max <= min ? min : min + Math.floor(next() * (max - min + 1)));
  return { int, bool: (p = 0.5) => next() < p, pick: (items) => items[int(0, items.length - 1)] };
}

/** Splits `total` into `n` positive parts, each a multiple of `step` (total must be a multiple of step). */
export function partition(r: Rng, total: number, n: number, step = 5): number[] {
  const units = Math.round(total / step);
  const k = Math.max(1, Math.min(n, units));
  // Draw cuts without retrying: a shrunk Rng may return the same number forever.
  const free = Array.from({ length: units - 1 }, (_, i) => i + 1);
  const cuts: number[] = [];
  for (let i = 0; i < k - 1; i++) cuts.push(free.splice(r.int(0, free.length - 1), 1)[0]);
  const sorted = [0, ...cuts.sort((a, b) => a - b), units];
  return sorted.slice(1).map((u, i) => (u - sorted[i]) * step);
}
