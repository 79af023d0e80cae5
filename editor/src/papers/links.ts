// Links to the printable pages the server renders (issue 15 items 3–5): a person's feedback sheet
// (反馈面谈表), the 公示名单 (and its Excel file), the 年度考核登记表 and the result notice
// (考核结果通知书) of a round — per person or per unit — and a scheme version in plain words
// (方案说明). Each opens in a new tab: a complete A4 page to read, print or save as PDF from the
// browser, with the editor left as it was. The pages are the server's (server/reports/, report/); the
// editor only builds their addresses, in the UI language, and names them in words. The cookie signs
// the new tab in (same origin), so nothing else is passed.

import './papers.css';
import { h } from '../dom.js';
import { lang } from '../i18n.js';
import { tp, type PapersKey } from './i18n.js';

const enc = encodeURIComponent;
const query = (q: Record<string, string | undefined>) => {
  const s = Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${enc(v!)}`).join('&');
  return s ? `?${s}` : '';
};

/** Where each printable page is (API.md "Additions"); `unit` for a whole unit's file. */
export const paperHref = {
  feedback: (round: string, subject: string) => `/api/rounds/${enc(round)}/feedback/${enc(subject)}${query({ lang })}`,
  feedbackUnit: (round: string, unit: string) => `/api/rounds/${enc(round)}/feedback${query({ unit, lang })}`,
  /** The round's per-person results as a workbook (issue 16, U6 M-9: scores, indicators, grades). */
  results: (round: string) => `/api/rounds/${enc(round)}/export${query({ format: 'xlsx', lang })}`,
  publicity: (round: string, unit?: string, xlsx = false) =>
    `/api/rounds/${enc(round)}/papers/publicity${query({ unit, format: xlsx ? 'xlsx' : undefined, lang })}`,
  register: (round: string, subject: string) => `/api/rounds/${enc(round)}/papers/register/${enc(subject)}${query({ lang })}`,
  registerUnit: (round: string, unit: string) => `/api/rounds/${enc(round)}/papers/register${query({ unit, lang })}`,
  notice: (round: string, subject: string) => `/api/rounds/${enc(round)}/papers/notice/${enc(subject)}${query({ lang })}`,
  noticeUnit: (round: string, unit: string) => `/api/rounds/${enc(round)}/papers/notice${query({ unit, lang })}`,
  /** `n`: a version number, or `draft` (authors). */
  schemeDocument: (scheme: string, n: number | 'draft') => `/api/schemes/${enc(scheme)}/versions/${n}/document${query({ lang })}`,
};

/** A link opening `href` in a new tab; `paper` names the kind for tests and styles. */
function paperLink(href: string, key: PapersKey, paper: string, args?: Record<string, string | number>): HTMLAnchorElement {
  return h('a', { href, target: '_blank', rel: 'noopener', class: 'paper-link', 'data-paper': paper }, tp(key, args));
}

/** The units of a round as its roster lists them (first seen first); the round's own unit when it has one. */
export function roundUnits(roundUnit: string | null, members: readonly { unit: string | null; status?: string }[]): string[] {
  if (roundUnit) return [roundUnit];
  return [...new Set(members.filter((m) => m.status !== 'absent').map((m) => m.unit).filter((u): u is string => !!u))];
}

/** A round's printable files: the whole round's 公示名单 (+ Excel), then per unit its 反馈表,
 * 登记表, 结果通知 and 公示名单. Before the first evaluation there is nothing to print: said so. */
export function roundPapers(round: { id: string; unit: string | null; revision: number }, members: readonly { unit: string | null; status?: string }[]): HTMLElement {
  if (round.revision === 0) return h('div', { class: 'round-papers' }, h('h3', {}, tp('papers')), h('p', { class: 'muted', 'data-no-papers': '' }, tp('papersAfterEvaluation')));
  const units = roundUnits(round.unit, members);
  return h('div', { class: 'round-papers' },
    h('h3', {}, tp('papers')),
    h('p', { class: 'muted' }, tp('papersHint')),
    h('div', { class: 'toolbar', 'data-papers-round': '' },
      paperLink(paperHref.publicity(round.id), 'publicityAll', 'publicity'),
      paperLink(paperHref.publicity(round.id, undefined, true), 'publicityExcel', 'publicity-xlsx'),
      paperLink(paperHref.results(round.id), 'resultsExcel', 'results-xlsx')),
    units.length ? h('table', { class: 'grid papers-table' },
      h('thead', {}, h('tr', {}, h('th', {}, tp('colUnit')), h('th', {}, tp('colPapers')))),
      h('tbody', {}, units.map((u) => h('tr', { 'data-papers-unit': u },
        h('td', {}, u),
        h('td', { class: 'paper-links' },
          paperLink(paperHref.feedbackUnit(round.id, u), 'feedbackUnit', 'feedback'),
          paperLink(paperHref.registerUnit(round.id, u), 'registerUnit', 'register'),
          paperLink(paperHref.noticeUnit(round.id, u), 'noticeUnit', 'notice'),
          paperLink(paperHref.publicity(round.id, u), 'publicityUnit', 'publicity'),
          paperLink(paperHref.publicity(round.id, u, true), 'publicityExcel', 'publicity-xlsx')))))) : null);
}

/** One person's files of one round: 反馈表, 登记表, 结果通知. */
export function personPapers(round: string, subject: string): HTMLElement[] {
  return [
    paperLink(paperHref.feedback(round, subject), 'feedback', 'feedback'),
    paperLink(paperHref.register(round, subject), 'register', 'register'),
    paperLink(paperHref.notice(round, subject), 'notice', 'notice'),
  ];
}

/** The open scheme version as a plain-language document (方案说明), with what it is generated from. */
export function schemeDocumentLink(scheme: string, n: number, status: 'draft' | 'published'): HTMLElement {
  return h('div', { class: 'toolbar scheme-document' },
    paperLink(paperHref.schemeDocument(scheme, n), status === 'draft' ? 'schemeDocumentDraft' : 'schemeDocument', 'scheme-document', { n }),
    h('span', { class: 'muted' }, tp('schemeDocumentHint')));
}
