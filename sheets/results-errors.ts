// The engine's errors inside a sheet's JSON cell of period results (`季度结果`, `往年`: a list of
// records, period-results.ts), in a roster reader's words. The engine reports them at a path
// (`季度结果[2].考核等次`) in words for the API (`等次应为 较差、一般、较好、好 之一，不定等次时写 `null``);
// a person who typed 优秀 in the third record of a cell was told neither which record nor what was
// typed (V11 trial LOW-6). Here: the record's number (第 3 条, counted from 1 as people count), the key
// as typed, the value found, and how to write "no grade" / "no score" as the reader takes it (null,
// or the key left out — an empty text is not read as none). Codes it has no better words for keep
// the engine's (KH-E050 a period not covered, KH-E051 twice, KH-E055 outside the window), item named.

import type { Msg } from '../dsl/i18n/index.js';
import { canonicalIn, PERIOD_RESULT_FIELDS } from '../dsl/keywords.js';
import type { FieldSpec } from '../dsl/service/index.js';
import type { EvalError } from '../engine/api.js';
import { M } from './messages.js';
import { listExampleMsg } from './period-results.js';
import type { Step } from './paths.js';

/** The words of `e` when it lies inside a list-form results field's JSON cell (`steps`: field,
 * item, key…), else undefined. `found`: the value as typed; `engine`: the engine's own words. */
export function resultsItemError(e: EvalError, steps: readonly Step[], fields: readonly FieldSpec[], found: string, engine: Msg | string): Msg | undefined {
  const [top, item, key] = steps;
  if (!top || !item || !('name' in top) || !('index' in item)) return undefined;
  const spec = fields.find((f) => f.name === top.name)?.results;
  if (!spec || spec.form === 'related') return undefined;
  const typed = key && 'name' in key ? key.name : undefined;
  const what = itemWords(e, typed, found, spec.grades) ?? (steps.length === 2 && e.code === 'KH-E003'
    ? M.resultNotRecord({ example: listExampleMsg(spec)!, found }) : engine);
  return M.itemAt({ n: item.index + 1, what });
}

/** A record's keys, each in the language of the message (考核期 / period …). */
const KEYS = Object.entries(PERIOD_RESULT_FIELDS).map(([en, zh]) => M.localName({ en, zh }));

/** The words for a problem with one key of a record (`typed`: the key as written), if any. */
function itemWords(e: EvalError, typed: string | undefined, found: string, grades: readonly string[] | undefined): Msg | undefined {
  const part = typed === undefined ? undefined : canonicalIn(PERIOD_RESULT_FIELDS, typed);
  // a key that is none of the four: the four in the reader's language (the engine lists `period`…)
  if (e.code === 'KH-E001' && typed !== undefined && !part) return M.unknownField({ name: typed, known: KEYS });
  if (!part || typed === undefined) return undefined;
  const field = typed;
  switch (e.code) {
    case 'KH-E052': return grades ? M.resultGrade({ field, found, members: [...grades] }) : M.resultGradeText({ field, found });
    case 'KH-E053': return M.resultScore({ field, found });
    // a missing key is named in the reader's language (nothing was typed), with the form of a period
    case 'KH-E002': return part === 'period' ? M.resultNoPeriod({ field: M.localName({ en: part, zh: PERIOD_RESULT_FIELDS[part] }), form: e.expected ?? '' }) : undefined;
    case 'KH-E003': return part === 'period' ? M.resultPeriodText({ field, form: e.expected ?? '', found })
      : part === 'imported' ? M.resultImported({ field, found }) : undefined;
    default: return undefined;
  }
}
