// The 60-person fixture of test/fixtures/stats/ evaluated through the real engine (prepare +
// evaluateCohort), one cohort per period, then folded into facts — the way the server stores them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { factsOf, schemeFactsOf } from '../../analytics/facts.js';
import type { PeriodFacts, RoundFacts } from '../../analytics/types.js';
import type { CohortResult, PreparedScheme, SubjectInput } from '../../engine/api.js';
import { engine } from '../../engine/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'stats');

type Row = [id: string, name: string, unit: string, q4: number | null, q1: number | null];
interface People { people: Row[]; extra: Record<string, Record<string, Record<string, unknown>>>; ungraded: Record<string, string[]> }

export const PEOPLE = JSON.parse(readFileSync(join(DIR, 'people.json'), 'utf8')) as People;

export function prepared(): PreparedScheme {
  const r = engine.prepare(readFileSync(join(DIR, 'scheme.kaohe'), 'utf8'), 'scheme.kaohe');
  if (!r.value) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.value;
}

/** The subjects of `period` in file order: every indicator input is the row's x. */
export function subjectsOf(period: '2025-Q4' | '2026-Q1'): SubjectInput[] {
  const col = period === '2025-Q4' ? 3 : 4;
  return PEOPLE.people.filter((r) => r[col] !== null).map((r) => {
    const x = r[col] as number;
    const s: SubjectInput = {
      id: r[0], display: { 姓名: r[1] },
      input: { 单位: r[2], 甲分: x, 乙分: x, 丙分: x, ...PEOPLE.extra[period]?.[r[0]] },
    };
    if (PEOPLE.ungraded[period]?.includes(r[0])) s.standing = { ungraded: true };
    return s;
  });
}

export async function resultOf(s: PreparedScheme, period: '2025-Q4' | '2026-Q1'): Promise<CohortResult> {
  const out = await engine.evaluateCohort(s, subjectsOf(period), { period, lang: 'zh' });
  if (!out.ok) throw new Error(JSON.stringify(out.errors.slice(0, 3)));
  return out.value;
}

export async function factsFor(s: PreparedScheme, period: '2025-Q4' | '2026-Q1'): Promise<RoundFacts> {
  const roster = PEOPLE.people.map((r) => ({ id: r[0], unit: r[2] }));
  return factsOf(await resultOf(s, period), roster, schemeFactsOf(s));
}

export async function fixturePeriods(): Promise<{ q4: PeriodFacts; q1: PeriodFacts }> {
  const s = prepared();
  return {
    q4: { period: '2025-Q4', facts: [await factsFor(s, '2025-Q4')] },
    q1: { period: '2026-Q1', facts: [await factsFor(s, '2026-Q1')] },
  };
}
