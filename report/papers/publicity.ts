// The 公示名单 (issue 15): one page — title, the scheme and period (and unit), a sentence saying what
// is made public, the table 序号 / 姓名 / 单位 / 职务 (when any person has one) / 等次 sorted 按姓氏笔画
// (stroke.ts), the 公示 period from the round, where to raise an objection and a blank for the
// supervision telephone. The same rows make the .xlsx (publicityWorkbook).

import { render, type Msg } from '../../dsl/i18n/index.js';
import type { WorkbookData } from '../../sheets/workbook.js';
import type { Block, Doc } from '../model.js';
import { dateWords, periodWords } from '../shared/period.js';
import { M } from './messages.js';
import { byStroke } from './stroke.js';
import type { PaperContext, PaperPerson } from './types.js';

export interface PublicityTable { head: string[]; rows: string[][] }

/** The table of the list: people in stroke order, 职务 only when someone has one. */
export function publicityTable(ctx: PaperContext, people: readonly PaperPerson[]): PublicityTable {
  const t = (m: Msg) => render(m, ctx.lang);
  const withPost = people.some((p) => p.post !== undefined && p.post !== '');
  const head = [t(M.colNo()), t(M.colName()), t(M.colUnit()), ...(withPost ? [t(M.colPost())] : []), t(M.colGrade())];
  const rows = byStroke(people).map((p, i) => [
    String(i + 1), p.name, p.unit ?? '', ...(withPost ? [p.post ?? ''] : []), p.grade ?? t(M.noGrade()),
  ]);
  return { head, rows };
}

/** The 公示期 sentence: until the round's last day (from its first, when it was held before and
 * recorded late, with the day it was recorded), or blanks to fill in. */
function publicityUntilText(ctx: PaperContext): string {
  const { publicityUntil: until, publicityRecord: late } = ctx.round;
  const day = (d: string) => dateWords(d, ctx.lang);
  if (until && late) return render(M.publicityLate({ from: day(late.from), until: day(until), at: day(late.at.slice(0, 10)) }), ctx.lang);
  return render(until ? M.publicityUntil({ until: day(until) }) : M.publicityBlank(), ctx.lang);
}

export function publicityDoc(ctx: PaperContext, people: readonly PaperPerson[], unit?: string): Doc {
  const { lang, round } = ctx;
  const t = (m: Msg) => render(m, lang);
  const period = periodWords(round.period, lang);
  const table = publicityTable(ctx, people);
  const blocks: Block[] = [
    { kind: 'paragraph', text: t(M.publicityIntro({ scheme: ctx.scheme, period })) },
    { kind: 'table', head: table.head, rows: table.rows, align: table.head.map((_, i) => (i === 0 || i === table.head.length - 1 ? 'center' : 'left')) },
    { kind: 'paragraph', text: publicityUntilText(ctx) },
    { kind: 'paragraph', text: t(M.publicityObjection()) },
    { kind: 'signatures', items: [t(M.hotline()), t(M.dateLine())] },
  ];
  const subtitle = unit !== undefined
    ? t(M.publicitySubtitleUnit({ scheme: ctx.scheme, period, unit }))
    : t(M.publicitySubtitle({ scheme: ctx.scheme, period }));
  return {
    lang,
    title: t(M.publicityDocTitle({ scheme: ctx.scheme, period })),
    pages: [{ title: t(M.publicityTitle()), subtitle, blocks }],
  };
}

/** The list as a workbook (sheets/): one sheet headed like the printed page — the title, the
 * scheme, period (and unit), what is made public, the 公示期, where to object and the 监督电话 line —
 * then the table with the same columns and order as the page (its head row frozen in view). */
export function publicityWorkbook(ctx: PaperContext, people: readonly PaperPerson[], unit?: string): WorkbookData {
  const t = (m: Msg) => render(m, ctx.lang);
  const table = publicityTable(ctx, people);
  const page = publicityDoc(ctx, people, unit).pages[0]!;
  const line = (text: string) => [text, ...table.head.slice(1).map(() => null)];
  const above = [
    line(page.subtitle ?? ''),
    line(t(M.publicityIntro({ scheme: ctx.scheme, period: periodWords(ctx.round.period, ctx.lang) }))),
    line(publicityUntilText(ctx)),
    line(t(M.publicityObjection())),
    line(`${t(M.hotline())}　　　　　　　　${t(M.dateLine())}`),
    table.head.map(() => null),
  ];
  return {
    sheets: [{
      name: render(M.sheetName(), ctx.lang),
      // the header row is the title; the table's own head follows the lines above
      columns: table.head.map((_, i) => ({ header: i === 0 ? page.title : '', width: i === 0 ? 6 : 16, text: i > 0 })),
      rows: [...above, table.head, ...table.rows.map((row) => row.map((cell, i) => (i === 0 ? Number(cell) : cell)))],
      headerRows: above.length + 2,
    }],
  };
}
