// Where a streaming cohort reads its subjects: a source that can be read more than once, in the same
// order each time (a file). Pass 1 reads every subject; pass 2 needs only the quota competitors again
// (`want`), and a source may yield `undefined` for the others instead of reading them in full (a
// JSON-lines file skips parsing their lines).

import type { SubjectInput } from '../api.js';

export interface SubjectSource {
  /** A new pass over the subjects, in order. */
  open(want?: (i: number) => boolean): AsyncIterable<SubjectInput | undefined>;
}

/** Subjects already in memory (tests, and the fallback's shape). */
export function arraySource(subjects: readonly SubjectInput[]): SubjectSource {
  return {
    async *open(want) {
      for (let i = 0; i < subjects.length; i++) yield !want || want(i) ? subjects[i] : undefined;
    },
  };
}
