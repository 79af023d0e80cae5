// The 考核结果通知书 (issue 15): one page per person — “X同志：经考核，你2026年度考核等次为称职。如对
// 考核结果有异议，可在收到本通知之日起30日内申请复核。特此通知。” with the round's appeal days, then the
// committee's seal and the date. Before the round is final its title carries a mark (provisionalMark).

import { render, type Msg } from '../../dsl/i18n/index.js';
import type { Doc, Page } from '../model.js';
import { periodWords } from '../shared/period.js';
import { strong, sentence } from '../shared/runs.js';
import { M } from './messages.js';
import type { PaperContext, PaperPerson } from './types.js';

/** Before the round is final, a 登记表 or notice says so in its title (U6 L-9): printed during 公示 it
 * must not read as the final result. Empty once final. */
export function provisionalMark(ctx: PaperContext): string {
  const s = ctx.round.status;
  if (s === undefined || s === 'final') return '';
  return render(s === 'publicity' ? M.markPublicity() : M.markEvaluated(), ctx.lang);
}

export function noticePage(ctx: PaperContext, person: PaperPerson): Page {
  const { lang } = ctx;
  const t = (m: Msg) => render(m, lang);
  const period = periodWords(ctx.round.period, lang);
  return {
    title: t(M.noticeTitle()) + provisionalMark(ctx),
    blocks: [
      { kind: 'paragraph', flush: true, runs: sentence(lang, M.salutation, { name: person.name }) },
      {
        kind: 'paragraph',
        runs: person.grade === null
          ? sentence(lang, M.noticeNoGrade, { period })
          : sentence(lang, M.noticeGrade, { period, grade: strong(person.grade) }),
      },
      { kind: 'paragraph', text: t(M.noticeAppeal({ days: String(ctx.round.appealDays) })) },
      { kind: 'paragraph', text: t(M.noticeEnd()) },
      { kind: 'signatures', items: [t(M.issuer()), t(M.dateLine())] },
    ],
  };
}

export function noticeDoc(ctx: PaperContext, people: readonly PaperPerson[]): Doc {
  const period = periodWords(ctx.round.period, ctx.lang);
  const title = people.length === 1 ? M.noticeDocTitleOne({ name: people[0]!.name, period }) : M.noticeDocTitle({ period });
  return { lang: ctx.lang, title: render(title, ctx.lang), pages: people.map((p) => noticePage(ctx, p)) };
}
