// A round's revisions, oldest first: when, by whom, and why — an evaluation, a correction for one
// person (复核更正, with its reason), or a source refresh (来源刷新: every roll-up value read again after
// a round it rolled up was amended).

import { h } from '../dom.js';
import { P } from '../i18n-batch.js';
import type { RoundDetail } from './api.js';
import { when, whoNode } from './common.js';
import { tr, trNodes } from './i18n.js';

export function revisionsList(r: RoundDetail): HTMLElement | null {
  if (!r.revisions.length) return null;
  const dot = ' · ';
  return h('div', { class: 'revisions' }, h('h3', {}, tr('revisions')),
    h('ul', {}, r.revisions.map((v) => {
      const a = v.amendment;
      const why = a === null ? 'evaluate' : a.kind === 'refresh' ? 'refresh' : 'amendment';
      return h('li', { 'data-revision': v.n, 'data-why': why },
        tr('revisionLine', { n: v.n }), dot, when(v.createdAt),
        v.account || v.token ? [dot, ...trNodes('revisionBy', { by: whoNode(v) })] : null, dot,
        a === null ? tr('revisionEvaluate')
          : a.subject === null ? [h('b', { class: 'source-refresh' }, tr('sourceRefresh')), P.colon, a.reason]
            : tr('revisionAmend', { subject: a.subject, reason: a.reason }));
    })));
}
