// The cohort panel's JSON input and a reading of its result that the table needs. Rosters as
// spreadsheets (.xlsx, CSV in UTF-8 or GBK) are read by sheets/ (roster-input.ts); JSON stays here:
// `{"subjects": [...]}` as the API takes it, an array of subjects, or an array of bare inputs.

import type { SubjectInput } from '../../engine/api.js';

/** Whether pasted text is JSON rather than a table. */
export const looksLikeJson = (text: string): boolean => /^\s*[[{]/.test(text);

/** Why JSON text gave no subjects: not JSON (`at`: the character the parser stopped at, from 1,
 * when the browser says), or JSON of another shape. Words are the panel's (the parser's are English). */
export type JsonProblem = { kind: 'syntax'; at?: number } | { kind: 'shape' };

/** JSON.parse's error as data: where it stopped (from 1) when the browser says (`at position 12`). */
export function syntaxProblem(e: unknown): JsonProblem {
  const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
  return { kind: 'syntax', ...(at !== undefined ? { at: Number(at) + 1 } : {}) };
}

/** Subjects from JSON text, or what is wrong with it. */
export function parseJsonSubjects(text: string): { subjects: SubjectInput[] } | { problem: JsonProblem } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { problem: syntaxProblem(e) };
  }
  const list = Array.isArray(data) ? data : (data as { subjects?: unknown[] } | null)?.subjects;
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) return { problem: { kind: 'shape' } };
  return { subjects: list.map((x, i) => {
    const o = x as Record<string, unknown>;
    if (typeof o?.id === 'string' && o.input && typeof o.input === 'object') {
      const s: SubjectInput = { id: o.id, input: o.input as Record<string, unknown> };
      if (o.display && typeof o.display === 'object') s.display = o.display as SubjectInput['display'];
      // A committee decision (issue 13) as the API takes it; the server checks it.
      if (o.decision !== undefined) Object.assign(s, { decision: o.decision });
      return s;
    }
    return { id: `S${i + 1}`, input: o };
  }) };
}

/** Quotas that allowed nobody in a cohort that had people (`20%` of 3, rounded down, is 0): the
 * grade was out of reach for the whole unit, which a department wants to be told, not to discover. */
export function emptyQuotas(cohorts: readonly { key: string; quotas: readonly { grade: string; limit: number; base: number }[] }[]): { cohort: string; grade: string; base: number }[] {
  const out: { cohort: string; grade: string; base: number }[] = [];
  for (const c of cohorts) {
    for (const q of c.quotas) if (q.limit === 0 && q.base > 0) out.push({ cohort: c.key, grade: q.grade, base: q.base });
  }
  return out;
}
