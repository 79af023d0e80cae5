// Examples: runs the text's `example` blocks on the server (POST /api/examples, nothing stored) and
// shows pass/fail, with both sides of every failing `expect`; clicking one jumps to its line. A cohort
// example (several `given ID {…}`, issue 13) is run the same way on the server and marked with how
// many people it evaluates together (from the language service's contract of the same text).

import { api } from '../api.js';
import type { App } from '../app.js';
import { fill, h } from '../dom.js';
import { lang, t } from '../i18n.js';
import { keywordText } from '../../../dsl/keywords.js';
import { tc } from '../i18n-cohort.js';
import { problems } from './tryit.js';

/** A failure's heading: `expect` and the expectation's text, or the example's part that failed
 * (`given`, `period`) alone, as the keyword in the page's language (已知, not 预期 已知). */
const part = (expect: string): string => (expect === 'given' || expect === 'period' ? keywordText(expect, lang) : `${t('expect')} ${expect}`);

export function examplesPanel(app: App): HTMLElement {
  const out = h('div', { class: 'output' });
  const goto = (line: number) => app.reveal({ range: { start: { line, column: 1 }, end: { line, column: 1 } } });
  const run = async () => {
    fill(out, h('p', { class: 'muted' }, t('loading')));
    try {
      const [{ examples }, contract] = await Promise.all([api.examples(app.text), app.doc.call('contract', {})]);
      const people = new Map(contract.examples.filter((x) => x.subjects).map((x) => [x.name, x.subjects!]));
      const failed = examples.filter((x) => !x.passed).length;
      fill(out,
        h('p', { class: failed ? 'error summary' : 'ok summary' }, examples.length === 0 ? t('noExamples') : failed ? t('someFailed', { f: failed, n: examples.length }) : t('allPassed', { n: examples.length })),
        h('table', { class: 'grid examples' },
          h('tbody', {}, examples.map((x) => [
            h('tr', { class: x.passed ? 'pass' : 'fail', 'data-example': x.name, ...(people.has(x.name) ? { 'data-cohort': String(people.get(x.name)) } : {}) },
              h('td', {}, x.passed ? '✓' : '✗'),
              h('td', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); goto(x.line); } }, x.name), x.label ? h('small', {}, ` ${x.label}`) : null,
                people.has(x.name) ? h('span', { class: 'cohort-tag' }, tc('cohortExample', { n: people.get(x.name)! })) : null),
              h('td', {}, x.passed ? t('passed') : t('failed'))),
            ...x.failures.map((f) => h('tr', { class: 'failure' }, h('td', {}),
              h('td', { colspan: 2 },
                h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); goto(f.line); } }, h('code', {}, part(f.expect))),
                h('div', {}, f.left !== undefined ? `${t('left')}：${f.left}` : '', f.right !== undefined ? `　${t('right')}：${f.right}` : ''),
                h('div', { class: 'muted' }, f.message)))),
          ]))));
    } catch (e) {
      fill(out, problems(e));
    }
  };
  return h('div', { class: 'panel examples' }, h('div', { class: 'toolbar' }, h('button', { class: 'primary', 'data-action': 'run-examples', onclick: () => void run() }, t('runExamples'))), out);
}
