// A refusal of the server in the rounds view's words: the heading, then each problem with its place
// named as a person sees it (考核期, or 人员“A3”的“实绩得分”) rather than as a JSON path.

import { ApiFailure } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { P } from '../i18n-batch.js';
import { problems } from '../panels/tryit.js';
import type { Line } from '../roster-input.js';
import { tr, type RoundsKey } from './i18n.js';

/** `ids`: the people of the request, in its order, for paths such as `subjects[2].input.实绩得分`. */
export function refusal(e: unknown, ids: readonly string[] = []): HTMLElement {
  if (!(e instanceof ApiFailure) || !e.details.length) return problems(e);
  const head = e.code === 'invalid_input' ? t('inputProblems') : e.words;
  const lines = e.details.map((d): Line => {
    const x = d as { path?: unknown; message?: unknown; subject?: unknown };
    const path = typeof x.path === 'string' ? x.path : '';
    let message = typeof x.message === 'string' ? x.message : JSON.stringify(d);
    if (path && (message.startsWith(`${path}: `) || message.startsWith(`${path}：`))) message = message.slice(path.length + (message[path.length] === ':' ? 2 : 1));
    // The engine names the person itself (`subject`); the request's order names them otherwise.
    const at = typeof x.subject === 'string' ? path.replace(/^subjects\[\d+\]/, '').replace(/^\./, '') : path;
    const where = typeof x.subject === 'string' && /^subjects\[\d+\]/.test(path) ? pathWords(`subjects[0]${at ? `.${at}` : ''}`, [x.subject]) : pathWords(path, ids);
    return where === '' ? message : [...(typeof where === 'string' ? [where] : where), P.colon, message];
  });
  return problemList(head, lines);
}

const PATH_WORDS: Record<string, RoundsKey> = {
  period: 'period', until: 'until', reason: 'reason', subject: 'subject', scheme: 'scheme', version: 'version', unit: 'unit',
  name: 'name', appealDays: 'appealDays', part: 'part', decision: 'kindDecision', refresh: 'sourceRefresh',
};

function pathWords(path: string, ids: readonly string[]): string | (Node | string)[] {
  if (path === '') return '';
  /** The person at index `i` (as the path writes it) of the request, else their place in it: #3. */
  const personAt = (i: string) => ids[Number(i)] ?? `#${Number(i) + 1}`;
  if (path in PATH_WORDS) return tr(PATH_WORDS[path]);
  const person = /^(?:subjects|members)\[(\d+)\](?:\.(?:id|unit|status|countsInBase|display(?:\..*)?))?$/.exec(path);
  if (person) return tr('pathPerson', { id: personAt(person[1]) });
  const field = /^(?:(?:subjects|members)\[(\d+)\]\.)?input\.([^.[]+)(.*)$/.exec(path);
  if (field) {
    const id = field[1] !== undefined ? personAt(field[1]) : undefined;
    const name = `${field[2]}${field[3]}`;
    return id !== undefined ? tr('pathPersonField', { id, field: name }) : tr('pathField', { field: name });
  }
  const decided = /^subjects\[(\d+)\]\.decision/.exec(path);
  if (decided) return tr('pathPersonDecision', { id: personAt(decided[1]) });
  return [h('code', {}, path)];
}

export function problemList(head: string, items: Line[]): HTMLElement {
  return h('div', { class: 'problems-box error' }, h('p', {}, h('b', {}, head)), h('ul', {}, items.map((x) => h('li', {}, x))));
}
