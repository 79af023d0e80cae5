// The rounds view (考核批次, issue 14 item 8): a full-width page beside the scheme editor, reached from
// the header and by the address (`#rounds`, `#rounds/ID`, `#person/ID`), so a link to a round or a
// person can be shared. This module routes and holds what the pages share (context.ts); each page
// and panel is a module of its own: the list and the create form (list-panel.ts), a round
// (round-panel.ts, with state-panel.ts, members-panel.ts, amend-panel.ts, changes-panel.ts,
// revisions-panel.ts) and a person's history (person-panel.ts). Every call goes through api.ts;
// every word through i18n.ts.

import type { CohortResult } from '../../../engine/api.js';
import type { Contract } from '../../../dsl/service/index.js';
import { api, ApiFailure } from '../api.js';
import type { App } from '../app.js';
import { fill, h } from '../dom.js';
import { problems } from '../panels/tryit.js';
import type { Round } from './api.js';
import type { ViewCtx } from './context.js';
import { tr } from './i18n.js';
import { showList } from './list-panel.js';
import { showPerson } from './person-panel.js';
import { showRound } from './round-panel.js';

export interface RoundsView { el: HTMLElement; route(hash: string): Promise<void> }

export function roundsView(app: App): RoundsView {
  const el = h('section', { class: 'rounds-view', hidden: true });
  const contracts = new Map<string, Promise<Contract>>();
  const contractOf = (r: Round) => {
    const k = `${r.scheme}@${r.version}`;
    let p = contracts.get(k);
    if (!p) {
      p = api.getVersion(r.scheme, r.version).then((v) => app.doc.call('contractOf', { text: v.source }));
      p.catch(() => contracts.delete(k)); // a failed fetch is tried again next time
      contracts.set(k, p);
    }
    return p;
  };
  const nav = (...extra: (Node | string | null)[]) => h('div', { class: 'toolbar rounds-nav' },
    h('button', { 'data-action': 'back-editor', onclick: () => { location.hash = ''; } }, tr('backToEditor')),
    h('button', { 'data-action': 'all-rounds', onclick: () => { location.hash = '#rounds'; } }, tr('backToRounds')), ...extra);
  const failed = (e: unknown) => {
    fill(el, nav(), e instanceof ApiFailure || e instanceof Error ? problems(e) : String(e));
  };
  const v: ViewCtx = { app, el, contractOf, lastResult: new Map<string, CohortResult>(), nav, failed };

  return {
    el,
    route: async (hash) => {
      const m = /^#(rounds|person)(?:\/(.+))?$/.exec(hash);
      if (!m) return;
      const id = m[2] ? decodeURIComponent(m[2]) : undefined;
      try {
        if (m[1] === 'person' && id) await showPerson(v, id);
        else if (id) await showRound(v, id);
        else await showList(v);
      } catch (e) { failed(e); }
    },
  };
}
