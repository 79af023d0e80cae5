// Facts built directly (no engine) for property tests and measurements: a scheme with grades
// 优秀/良好/合格, two indicators in one group, an improve threshold, two items and one action.

import type { RoundFacts, SchemeFacts } from '../../analytics/types.js';
import { seededRng } from '../gen/rng.js';

export const SYN_SCHEME: SchemeFacts = {
  id: 'syn', label: null, version: null, hash: 'sha256:0', precision: 2,
  grades: ['优秀', '良好', '合格'],
  indicators: [{ name: 'a', label: 'A', group: 'g' }, { name: 'b', label: 'B', group: 'g' }],
  groups: [{ name: 'g', label: 'G', group: null }],
  items: [{ kind: 'negative', list: 'n', item: 'x', label: null }, { kind: 'reward', list: 'r', item: 'y', label: 'Y' }],
  actions: [{ name: 'talk', label: 'Talk' }],
  improve: { below: '60', text: '60' },
};

/** One synthetic person. */
export interface SynPerson {
  id: string; unit: number; grade: number; score: number | null; a: number | null; b: number | null;
  lowA: boolean; fired: number[]; acted: boolean;
}

/** Facts of `people` (units named U0, U1…, listed in first-seen order as factsOf does). */
export function synFacts(people: readonly SynPerson[], period = '2026-Q1', scheme: SchemeFacts = SYN_SCHEME): RoundFacts {
  const names: string[] = [];
  const at = new Map<number, number>();
  const unitIx = people.map((p) => {
    let k = at.get(p.unit);
    if (k === undefined) { k = names.length; at.set(p.unit, k); names.push(`U${p.unit}`); }
    return k;
  });
  const sizes = new Map<number, number>();
  for (const k of unitIx) sizes.set(k, (sizes.get(k) ?? 0) + 1);
  return {
    format: 'kaohe.facts/1', scheme, period,
    subjects: people.map((p) => p.id), names: people.map((p) => `N${p.id}`), units: names, unit: unitIx,
    grade: people.map((p) => p.grade), score: people.map((p) => p.score),
    indicators: [people.map((p) => p.a), people.map((p) => p.b)],
    groups: [people.map((p) => (p.a === null || p.b === null ? null : p.a + p.b))],
    improve: people.flatMap((p, i) => (p.lowA && p.a !== null ? [i, 0] : [])),
    fired: people.flatMap((p, i) => p.fired.flatMap((k) => [i, k])),
    acted: people.flatMap((p, i) => (p.acted ? [i, 0] : [])),
    items: scheme.items, actions: scheme.actions,
    quotas: [...sizes].map(([u, size]) => ({
      cohort: names[u]!, scope: 'cohort' as const, grade: '优秀', limit: Math.floor(size / 5), base: size,
      admitted: Math.min(Math.floor(size / 5), people.filter((_, i) => unitIx[i] === u && people[i]!.grade === 0).length),
      normal: null, unit: u,
    })),
  };
}

/** `n` people in `units` units with scores at 2 decimals. */
export function bigFacts(n: number, units: number, period: string, seed: number): RoundFacts {
  const r = seededRng(seed);
  const people: SynPerson[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const score = r.int(5000, 9999);
    people[i] = {
      id: `p${i}`, unit: i % units, grade: r.bool(0.02) ? -1 : score >= 9000 ? 0 : score >= 7000 ? 1 : 2, score,
      a: r.int(5000, 9999), b: r.bool(0.1) ? null : r.int(5000, 9999),
      lowA: r.bool(0.1), fired: r.bool(0.05) ? [0] : r.bool(0.05) ? [1] : [], acted: r.bool(0.03),
    };
  }
  return synFacts(people, period);
}
