// The keys of a subject as a JSON file gives it to the command line (`kaohe eval` with one subject, a
// `{"subjects": […]}` cohort or JSON lines; issue 13). The HTTP API's zod schema refuses an unknown
// key and `"decision": null` (400); the CLI read only the keys it knew, so a misspelt `"desicion"`
// or `"Decision"` silently evaluated without the committee's decision. Here both are refused, at
// their path: an unknown key with KH-E008 (naming the nearest known key), a null decision with
// KH-E046 (a decision left out is written by leaving the key out).

import { nearest } from '../dsl/distance.js';
import { defineMessages, type Msg } from '../dsl/i18n/index.js';
import type { EvalError } from './api.js';
import { evalError } from './errors.js';
import { M } from './messages.js';

/** A subject's keys (engine/api.ts SubjectInput), and a cohort file's. */
export const SUBJECT_KEYS: readonly string[] = ['id', 'input', 'display', 'decision'];
const COHORT_KEYS: readonly string[] = ['subjects', 'period'];

export const SK = defineMessages('engineSubjectKeys', {
  en: {
    unknownKey: 'unknown field: a subject has `id`, `input`, `display` and `decision`',
    unknownKeyNear: 'unknown field: a subject has `id`, `input`, `display` and `decision`; did you mean `{near}`?',
    unknownCohortKey: 'unknown field: a cohort file has `subjects` and `period`',
    nullDecision: 'a decision cannot be null: leave `decision` out when there is none',
  },
  zh: {
    unknownKey: '未知字段：人员对象只有 “id”、“input”、“display” 和 “decision”',
    unknownKeyNear: '未知字段：人员对象只有 “id”、“input”、“display” 和 “decision”；是否指 “{near}”？',
    unknownCohortKey: '未知字段：批量文件只有 “subjects” 和 “period”',
    nullDecision: '研究决定不能为 “null”：没有研究决定时请省略 “decision”',
  },
});

/** A subject key `k` most likely meant (`Decision`, `desicion` → `decision`), if any. */
function meant(k: string, known: readonly string[]): string | undefined {
  return known.includes(k.toLowerCase()) ? k.toLowerCase() : nearest(k, known, 1)[0];
}

/** What is wrong with the keys of `raw` (a subject object), each at `prefix` + key (`subjects[3].`);
 * `extra` are other keys allowed beside the subject's own (`period` in a one-subject file). `bare`
 * leaves the path out of the message (a JSON-lines problem names its line and path itself). */
export function subjectKeyErrors(raw: object, prefix = '', extra: readonly string[] = [], bare = false): EvalError[] {
  const errors: EvalError[] = [];
  const at = (code: 'KH-E008' | 'KH-E046', key: string, what: Msg) =>
    errors.push(evalError(code, bare ? what : M.at({ path: `${prefix}${key}`, what }), { path: `${prefix}${key}` }));
  for (const k of Object.keys(raw)) {
    if (SUBJECT_KEYS.includes(k) || extra.includes(k)) continue;
    const near = meant(k, SUBJECT_KEYS);
    at('KH-E008', k, near ? SK.unknownKeyNear({ near }) : SK.unknownKey());
  }
  if ((raw as { decision?: unknown }).decision === null) at('KH-E046', 'decision', SK.nullDecision());
  return errors;
}

/** The keys of a cohort file (`{"subjects": […], "period"?}`) and of each subject in it. */
export function cohortKeyErrors(raw: object): EvalError[] {
  const errors = Object.keys(raw).filter((k) => !COHORT_KEYS.includes(k))
    .map((k) => evalError('KH-E008', M.at({ path: k, what: SK.unknownCohortKey() }), { path: k }));
  const subjects = (raw as { subjects?: unknown }).subjects;
  if (!Array.isArray(subjects)) return errors;
  subjects.forEach((s, i) => {
    if (typeof s === 'object' && s !== null && !Array.isArray(s)) errors.push(...subjectKeyErrors(s, `subjects[${i}].`));
  });
  return errors;
}
