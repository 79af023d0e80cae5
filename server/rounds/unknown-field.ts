// An input field the scheme does not declare, on the round routes where 组织部 data arrive — an
// inputs part, a roster member's `input`, an amendment (V11b MED-4) — named with the declared field
// one slip away, as the engine names it on POST /api/schemes/:id/evaluate (engine/validate.ts
// `unknownField`: 实绩分 → 实绩得分). Only on the error path: valid input pays nothing.

import { meantField } from '../../dsl/distance.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { R } from './messages.js';

/** The words for an unknown `field`; with the one of `declared` it was probably meant as, if any. */
export function unknownFieldWords(field: string, declared: Iterable<string>): Msg {
  const near = meantField(field, declared);
  return near === undefined ? R.unknownField({ field }) : R.unknownFieldNear({ field, near });
}
