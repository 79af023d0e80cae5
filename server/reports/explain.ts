// Why, not what (issue 15): the feedback sheet says which grade a person first met and which
// restriction acted, from an explanation — a re-evaluation of the people's stored inputs with
// `explain`, in the sheet's language. The sheet's numbers are always the stored result's; an
// explanation is used only where the re-evaluation agrees with it (the same score and indicator
// scores), so a scheme whose scores depend on the whole cohort (`overall max(…)`), evaluated here
// for fewer people, simply gets no explanation rather than a wrong one. Quotas do not matter: the
// candidate grade and the restrictions are decided before them. Within the round's CPU budget; a
// failure (an input that no longer checks, the budget) leaves the sheets without explanations.
// The re-evaluation runs in a language worker (job.ts); this module keeps the rule it is kept by.

import type { CohortMemberResult } from '../../engine/api.js';

/** Whether a re-evaluation agrees with the stored result: the same score and indicator scores
 * (job.ts re-evaluates in the worker and keeps only the explanations that agree). */
export const agrees = (a: CohortMemberResult, b: CohortMemberResult): boolean =>
  a.score === b.score && a.indicators.length === b.indicators.length && a.indicators.every((x, i) => x.id === b.indicators[i]!.id && x.score === b.indicators[i]!.score);
