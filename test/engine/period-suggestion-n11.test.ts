// The period a full-width or two-digit-year text was meant as (V11b LOW-6): `２０２６-Q3`, `2026-Q３`,
// `2026-Ｑ3` were answered with the example form 2026-Q1 — copied, the wrong quarter. They are folded
// (NFKC) before the rewrites; `26-Q3` is 2026-Q3 (a Q leaves nothing else to mean), `26-09` nothing.

import { describe, expect, it } from 'vitest';
import { periodSuggestion } from '../../engine/period-suggestion.js';

describe('periodSuggestion: full width and two-digit years', () => {
  it('folds full-width digits and letters to the period they show', () => {
    for (const t of ['２０２６-Q3', '2026-Q３', '2026-Ｑ3', '２０２６－Ｑ３', '２０２６Ｑ３', '2026-ｑ3']) expect(periodSuggestion(t, 'quarterly'), t).toBe('2026-Q3');
    expect(periodSuggestion('２０２６-０９', 'quarterly')).toBe('2026-Q3');
    expect(periodSuggestion('２０２６-０９', 'monthly')).toBe('2026-09');
    expect(periodSuggestion('２０２６', 'annual')).toBe('2026');
    expect(periodSuggestion('2026-Q3', 'quarterly')).toBeUndefined();
  });

  it('reads a two-digit year as 20xx beside a Q only', () => {
    expect(periodSuggestion('26-Q3', 'quarterly')).toBe('2026-Q3');
    expect(periodSuggestion('Q3-26', 'quarterly')).toBe('2026-Q3');
    expect(periodSuggestion('26Q4', 'quarterly')).toBe('2026-Q4');
    expect(periodSuggestion('26-Q5', 'quarterly')).toBeUndefined();
    expect(periodSuggestion('26-09', 'quarterly')).toBeUndefined();
    expect(periodSuggestion('26-3', 'quarterly')).toBeUndefined();
  });
});
