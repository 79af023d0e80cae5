// A refusal of the server in the rounds view's words: the heading, then each problem with its place
// named as a person sees it (考核期, or 人员“A3”的“实绩得分”) rather than as a JSON path.

import { ApiFailure } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { P } from '../i18n-batch.js';
import { problems } from '../panels/tryit.js';
import type { Line } from '../roster-input.js';
import { problemLine } from './refusal-words.js';

/** `ids`: the people of the request, in its order, for paths such as `subjects[2].input.实绩得分`;
 * `names`: id → the roster's 姓名, to name a person as 人员“李伟”（编号…） (refusal-words.ts). */
export function refusal(e: unknown, ids: readonly string[] = [], names?: ReadonlyMap<string, string>): HTMLElement {
  if (!(e instanceof ApiFailure) || !e.details.length) return problems(e);
  // A refusal of what was sent says what was refused and why in the server's own words (名册有错误，
  // 未保存任何内容), not a generic 输入数据有误 (FU6 left).
  const head = e.code === 'invalid_input' ? (e.message || t('inputProblems')) : e.words;
  const lines = e.details.map((d): Line => {
    const { place, message } = problemLine(d, ids, names);
    if (place === null) return message;
    return ['words' in place ? place.words : h('code', {}, place.code), P.colon, message];
  });
  return problemList(head, lines);
}

export function problemList(head: string, items: Line[]): HTMLElement {
  return h('div', { class: 'problems-box error' }, h('p', {}, h('b', {}, head)), h('ul', {}, items.map((x) => h('li', {}, x))));
}
