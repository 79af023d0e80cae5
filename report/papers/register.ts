// The 年度考核登记表 (issue 15): one page per person — 姓名, 单位, 职务, 考核年度 (or 考核期 for a round
// that is not annual), ruled space for 个人总结 and 主管领导评语, the 考核等次 as the round decided it,
// 本人意见 with the person's signature and date, 考核委员会意见 with its seal and date, and the
// signature of the head of the organ.

import { render, type Msg } from '../../dsl/i18n/index.js';
import type { Doc, Page } from '../model.js';
import { periodWords } from '../shared/period.js';
import { M } from './messages.js';
import { provisionalMark } from './notice.js';
import type { PaperContext, PaperPerson } from './types.js';

const annual = (period: string) => /^\d{4}$/.test(period);

export function registerPage(ctx: PaperContext, person: PaperPerson): Page {
  const t = (m: Msg) => render(m, ctx.lang);
  const period = ctx.round.period;
  return {
    title: t(annual(period) ? M.registerTitle() : M.registerTitleOther()) + provisionalMark(ctx),
    subtitle: ctx.scheme,
    blocks: [
      {
        kind: 'fields',
        items: [
          { label: t(M.fName()), value: person.name },
          { label: t(M.fUnit()), value: person.unit ?? '' },
          { label: t(M.fPost()), value: person.post ?? '' },
          { label: t(annual(period) ? M.fYear() : M.fPeriod()), value: periodWords(period, ctx.lang) },
          { label: t(M.fSummary()), wide: true, lines: 10 },
          { label: t(M.fLeader()), wide: true, lines: 4 },
          { label: t(M.fGrade()), wide: true, value: person.grade ?? t(M.noGrade()) },
          { label: t(M.fOwnView()), wide: true, lines: 2 },
        ],
      },
      { kind: 'signatures', items: [t(M.sigOwn()), t(M.dateLine())] },
      { kind: 'fields', items: [{ label: t(M.fCommittee()), wide: true, lines: 2 }] },
      { kind: 'signatures', items: [t(M.sigCommittee()), t(M.dateLine())] },
      { kind: 'fields', items: [{ label: t(M.fHead()), wide: true, lines: 1 }] },
      { kind: 'signatures', items: [t(M.sigHead()), t(M.dateLine())] },
    ],
  };
}

export function registerDoc(ctx: PaperContext, people: readonly PaperPerson[]): Doc {
  const period = periodWords(ctx.round.period, ctx.lang);
  const title = people.length === 1 ? M.registerDocTitleOne({ name: people[0]!.name, period }) : M.registerDocTitle({ period });
  return { lang: ctx.lang, title: render(title, ctx.lang), pages: people.map((p) => registerPage(ctx, p)) };
}
