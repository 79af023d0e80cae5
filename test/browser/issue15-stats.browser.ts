// Issue 15 item 1 in the browser: the editor's 统计 view (年终统计与分析) over two final years of a
// small scheme, seeded through the real API (scheme published; rounds created, rostered, filled,
// evaluated, 公示, finalized), then opened from the header as an officer would:
// - one period: grade bars per unit with quota marks, box plots per indicator, the unit × indicator
//   heat map, the tables under them (checked cell by cell against the API's own answer, and a few
//   cells by hand), negative-list items, rewards and actions per unit, the change from 2025 with the
//   grade moves a page at a time;
// - a span (2025–2026): the trend lines and their table;
// - 导出 Excel: the workbook of the same query;
// - refusals in words: a span without final rounds (422 no_rounds), a period written wrongly (422
//   invalid_period), an unknown scheme named by the address (404).
// Screenshots test/artifacts/issue15-stats-*.png.
//
// The scheme (统计示例): 总分 = 80% × (60% 业绩分 + 40% 作风分) + 20% × 学习分 − 迟到 (1 each, ≤ 3) + 表彰 2;
// 优秀 ≥ 90, at most 20% of a 单位 (at least 1); 称职 ≥ 70; 基本称职 ≥ 60; else 不称职 (诫勉谈话).
// With the three scores equal to v a person's 总分 is v. The people (v in 2025 → 2026):
//   综合科 Z01 95 → 88, Z02 92 → 94, Z03 85 → 86, Z04 75 → 78 − 2 迟到 = 76, Z05 65 → 72, Z06 — → 80 (new)
//   办公室 B01 91 → 92, B02 88 → 91 (quota: 称职), B03 80 → 82 + 2 表彰 = 84, B04 72 → gone, B05 55 → 62
//   财务科 C01 93 → 85, C02 90 (quota: 称职) → 96, C03 78 → 80/80/70 = 78, C04 70 → 58
// Grades moved 2025 → 2026: up Z02 (称职 → 优秀), Z05 (基本称职 → 称职), B05 (不称职 → 基本称职),
// C02 (称职 → 优秀); down Z01 (优秀 → 称职), C01 (优秀 → 称职), C04 (称职 → 不称职): 7 moves.
// 优秀 shares: 综合科 1/5 → 1/6 (20.00 → 16.67, −3.33), 办公室 1/5 → 1/4 (20.00 → 25.00, +5.00),
// 财务科 1/4 → 1/4 (0.00).

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, englishWords, shot } from './harness.js';
import { chinaDay, RoundsSession } from './rounds-harness.js';

const SCHEME = `方案 统计示例 "统计视图示例考核" {
  版本 "1"
  周期 年度
  精度 2
  分组 单位

  输入 {
    单位: 文本
    业绩分: 数值 属于 [0, 100]
    作风分: 数值 属于 [0, 100]
    学习分: 数值 属于 [0, 100]
    迟到次数: 整数 >= 0 = 0
    受表彰: 布尔 = 否
  }

  类别 工作 "工作表现" 权重 80% {
    指标 业绩 "工作业绩" 权重 60% = 业绩分
    指标 作风 "工作作风" 权重 40% = 作风分
  }
  指标 学习 "学习培训" 权重 20% = 学习分

  负面清单 纪律 "纪律作风" {
    事项 迟到 "迟到早退" 当 迟到次数 > 0 => 扣 1 每 迟到次数 上限 3
  }

  加分项 加分 "加分项目" 上限 2 {
    事项 表彰 "受到表彰" 当 受表彰 => 加 2
  }

  等次 {
    优秀 当 总分 >= 90 比例 20% 至少 1
    称职 当 总分 >= 70
    基本称职 当 总分 >= 60
    不称职 其他
  }

  结果运用 {
    措施 诫勉谈话 "诫勉谈话" 当 评定等次 == 不称职
    改进 低于 75 上限 2
  }
}
`;

interface Person { id: string; unit: string; name: string; v: Record<string, number | undefined> }
const P = (id: string, unit: string, name: string, v2025: number | undefined, v2026: number | undefined): Person =>
  ({ id, unit, name, v: { 2025: v2025, 2026: v2026 } });
const PEOPLE: Person[] = [
  P('Z01', '综合科', '张伟', 95, 88), P('Z02', '综合科', '王芳', 92, 94), P('Z03', '综合科', '李娜', 85, 86),
  P('Z04', '综合科', '刘洋', 75, 78), P('Z05', '综合科', '陈静', 65, 72), P('Z06', '综合科', '杨磊', undefined, 80),
  P('B01', '办公室', '赵敏', 91, 92), P('B02', '办公室', '黄勇', 88, 91), P('B03', '办公室', '周杰', 80, 82),
  P('B04', '办公室', '吴霞', 72, undefined), P('B05', '办公室', '徐涛', 55, 62),
  P('C01', '财务科', '孙丽', 93, 85), P('C02', '财务科', '马超', 90, 96), P('C03', '财务科', '朱琳', 78, 80), P('C04', '财务科', '郭燕', 70, 58),
];

function input(p: Person, period: string): Record<string, unknown> {
  const v = p.v[period]!;
  const x: Record<string, unknown> = { 业绩分: v, 作风分: v, 学习分: v };
  if (period === '2026' && p.id === 'Z04') x.迟到次数 = 2;
  if (period === '2026' && p.id === 'B03') x.受表彰 = true;
  if (period === '2026' && p.id === 'C03') x.学习分 = 70;
  return x;
}

describe.skipIf(!BROWSER_TESTS)('issue 15: the 统计 view — two final years, charts, tables, moves, export, refusals', () => {
  const session = new RoundsSession();
  const { api, endPublicity } = session;
  let page: Page;

  /** A final round of `period`: created, rostered, filled, evaluated, 公示 ended, finalized. */
  const finalRound = async (period: string) => {
    const people = PEOPLE.filter((p) => p.v[period] !== undefined);
    const r = await api<{ id: string }>('POST', '/api/rounds', { scheme: '统计示例', period, name: `${period} 年度考核` });
    await api('PUT', `/api/rounds/${r.id}/roster`, { members: people.map((p) => ({ id: p.id, unit: p.unit, status: 'take', display: { 姓名: p.name } })) });
    await api('POST', `/api/rounds/${r.id}/inputs`, { subjects: people.map((p) => ({ id: p.id, input: input(p, period) })) });
    await api('POST', `/api/rounds/${r.id}/evaluate`);
    await api('POST', `/api/rounds/${r.id}/publicize`, { until: chinaDay(0) });
    endPublicity(r.id);
    await api('POST', `/api/rounds/${r.id}/finalize`);
    return r.id;
  };
  /** A table as shown: one array of cell texts a body row. */
  const rows = (table: string) => page.$$eval(`.stats-view table.${table} tbody tr`, (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.textContent)));
  /** Fills the form and shows the statistics; waits for the answer (or a refusal). */
  const show = async (q: { period?: string; from?: string; to?: string; unit?: string }) => {
    await page.selectOption('select[name="stats-scheme"]', '统计示例');
    await page.selectOption('select[name="stats-mode"]', q.period !== undefined ? 'period' : 'span');
    if (q.period !== undefined) await page.fill('input[name="stats-period"]', q.period);
    else { await page.fill('input[name="stats-from"]', q.from!); await page.fill('input[name="stats-to"]', q.to!); }
    await page.fill('input[name="stats-unit"]', q.unit ?? '');
    await page.click('[data-action="stats-show"]');
    await page.waitForFunction(() => !document.querySelector('.stats-view [data-loading]') && !!document.querySelector('.stats-view .stats-summary, .stats-view .problems-box'));
  };
  /** Every chart of the page drawn by ECharts (an instance on its element, a canvas inside). */
  const drawnCharts = () => page.$$eval('.stats-view .chart', (els) => els.map((e) => !!e.getAttribute('_echarts_instance_') && !!e.querySelector('canvas')));
  const scrollTo = (sel: string) => page.$eval(sel, (e) => e.scrollIntoView({ block: 'start' }));

  beforeAll(async () => {
    ({ page } = await session.open());
    const created = await api<{ id: string }>('POST', '/api/schemes', { source: SCHEME });
    await api('POST', `/api/schemes/${encodeURIComponent(created.id)}/publish`);
    await finalRound('2025');
    await finalRound('2026');
    await page.click('header [data-action="stats"]');
    await page.waitForSelector('.stats-view:not([hidden]) select[name="stats-scheme"] option[value="统计示例"]', { state: 'attached' });
  });
  afterAll(session.close);

  it('shows one period: grade bars with quota marks, box plots, the heat map, and tables equal to the API’s answer', async () => {
    await show({ period: '2026' });
    expect(page.url()).toContain('#stats?scheme=');
    expect(await page.textContent('.stats-view .stats-summary')).toBe('统计视图示例考核：2026，已确定批次 1 个，共 14 人');
    await page.waitForFunction(() => document.querySelectorAll('.stats-view .chart[_echarts_instance_]').length >= 3);
    expect(await drawnCharts()).toEqual([true, true, true]);
    await shot(page, 'issue15-stats-period');

    const s = await api('GET', '/api/statistics?scheme=%E7%BB%9F%E8%AE%A1%E7%A4%BA%E4%BE%8B&period=2026&by=unit&lang=zh');
    const p = s.periods[0];
    // The distribution table: overall, then each unit — every cell from the answer.
    const pct = (x: { count: number; percent: string }) => `${x.count}（${x.percent}%）`;
    expect(await rows('dist-table')).toEqual([p.distribution.overall, ...p.distribution.units].map((r: any) => [
      r.unit ?? '全体', String(r.size), ...r.grades.map(pct), pct(r.none),
      r.quotas.map((q: any) => `${q.grade}：基数 ${q.base} 人，限 ${q.limit} 人，评定 ${q.admitted} 人`).join('；'),
    ]));
    // …and by hand: 综合科 has 6 (Z06 new), one 优秀 place (20% × 6 → 1); 办公室 4 (B04 gone).
    const dist = await rows('dist-table');
    expect(dist[1].slice(0, 3)).toEqual(['综合科', '6', '1（16.67%）']);
    expect(dist[2].slice(0, 3)).toEqual(['办公室', '4', '1（25.00%）']);
    expect(dist[1][7]).toBe('优秀：基数 6 人，限 1 人，评定 1 人');
    // The indicator table: the total score, each indicator, the group — as the server computed them.
    const nodes = [p.score, ...p.indicators, ...p.groups].filter((x: any) => x.overall);
    const table = await rows('node-table');
    expect(table.map((r) => r.slice(1, 8))).toEqual(nodes.map((x: any) => [String(x.overall.n), x.overall.mean.text, x.overall.min, x.overall.q1, x.overall.median, x.overall.q3, x.overall.max]));
    expect(table.map((r) => r[0])).toEqual(expect.arrayContaining(['工作业绩', '工作作风', '学习培训', '工作表现（类别）']));
    // 学习培训 over the 14: 88 94 86 78 72 80 · 92 91 82 62 · 85 96 70 58 → min 58.00, max 96.00 (at the scheme's 2 decimals).
    const study = table.find((r) => r[0] === '学习培训')!;
    expect([study[1], study[3], study[7]]).toEqual(['14', '58.00', '96.00']);

    await scrollTo('.stats-view h3[data-section="indicators"]');
    await shot(page, 'issue15-stats-indicators');
    // The heat map's table: every unit's mean of every indicator.
    const heat = await rows('heat-table');
    expect(heat.map((r) => r[0])).toEqual(['综合科', '办公室', '财务科']);
    const work = p.indicators.find((x: any) => x.name === '业绩');
    const col = 1 + [p.score, ...p.indicators, ...p.groups].indexOf(work);
    expect(heat.map((r) => r[col])).toEqual(['综合科', '办公室', '财务科'].map((u) => work.units.find((r: any) => r.unit === u).mean.text));
    // Items and actions per unit: 迟到 for Z04 (综合科), 表彰 for B03 (办公室), 诫勉谈话 for C04 (财务科).
    expect(await rows('items-table')).toEqual([['全体', '1', '1'], ['综合科', '1', '0'], ['办公室', '0', '1'], ['财务科', '0', '0']]);
    expect(await rows('actions-table')).toEqual([['全体', '1'], ['综合科', '0'], ['办公室', '0'], ['财务科', '1']]);
    await scrollTo('.stats-view h3[data-section="heat"]');
    await shot(page, 'issue15-stats-heatmap');
  });

  it('lists the change from 2025: who moved up or down, the 优秀 share per unit, the moves a page at a time', async () => {
    // A page of 3 moves (the server's default is 100): the view asks for each further page with the cursor.
    await page.route('**/api/statistics?*', (route) => {
      const url = new URL(route.request().url());
      if (!url.searchParams.has('format')) url.searchParams.set('limit', '3');
      return route.continue({ url: url.toString() });
    });
    try {
      await show({ period: '2026' });
      // 13 in both years: 4 up, 3 down, 6 the same; Z06 new, B04 gone.
      expect(await rows('change-table')).toEqual([['4', '3', '6', '1', '1']]);
      expect(await rows('share-table')).toEqual([
        ['办公室', '1（20.00%）', '1（25.00%）', '+5.00'],
        ['综合科', '1（20.00%）', '1（16.67%）', '-3.33'],
        ['财务科', '1（25.00%）', '1（25.00%）', '0.00'],
      ]);
      const moved = () => page.$$eval('.stats-view table.moves-table tbody tr', (trs) => trs.map((tr) => `${tr.getAttribute('data-subject')} ${tr.getAttribute('data-direction')}`));
      expect(await moved()).toHaveLength(3);
      expect(await page.textContent('[data-moves-shown]')).toBe('已列出 3 人，共 7 人');
      await page.click('[data-action="more-moves"]');
      await page.waitForFunction(() => document.querySelectorAll('.stats-view table.moves-table tbody tr').length === 6);
      await page.click('[data-action="more-moves"]');
      await page.waitForFunction(() => document.querySelectorAll('.stats-view table.moves-table tbody tr').length === 7);
      expect(await page.isHidden('[data-action="more-moves"]')).toBe(true);
      expect((await moved()).sort()).toEqual(['B05 up', 'C01 down', 'C02 up', 'C04 down', 'Z01 down', 'Z02 up', 'Z05 up']);
      const z01 = (await rows('moves-table')).find((r) => r[0] === 'Z01');
      expect(z01).toEqual(['Z01', '张伟', '综合科', '优秀', '称职', '↓ 下降']);
      await scrollTo('.stats-view h3[data-section="change"]');
      await shot(page, 'issue15-stats-moves');
    } finally {
      await page.unroute('**/api/statistics?*');
    }
  });

  it('shows a span: trend lines across the periods and their table', async () => {
    await show({ from: '2025', to: '2026' });
    expect(await page.textContent('.stats-view .stats-summary')).toBe('统计视图示例考核：2025 – 2026，已确定批次 2 个，共 14 人');
    await page.waitForFunction(() => document.querySelectorAll('.stats-view .chart[_echarts_instance_]').length >= 5);
    expect((await drawnCharts()).every(Boolean)).toBe(true);
    const trend = await rows('trend-table');
    expect(trend.map((r) => r[0])).toEqual(['全体', '综合科', '办公室', '财务科']);
    // 优秀 share: 3 of 14 both years; 综合科 20.00 → 16.67.
    expect([trend[0][2], trend[0][4]]).toEqual(['21.43%', '21.43%']);
    expect([trend[1][2], trend[1][4]]).toEqual(['20.00%', '16.67%']);
    // The 2025 detail (the period picker): nothing before 2025 is stored, so no change is shown.
    await page.selectOption('select[name="stats-shown-period"]', '2025');
    await page.waitForSelector('[data-no-previous]');
    await page.selectOption('select[name="stats-shown-period"]', '2026');
    await page.waitForSelector('.stats-view table.moves-table');
    await page.$eval('.stats-view', (e) => e.scrollTo(0, 0));
    await shot(page, 'issue15-stats-span');
    expect(await englishWords(page, '.stats-view')).toEqual([]);
  });

  it('exports the same query as an Excel workbook', async () => {
    await show({ period: '2026', unit: '综合科' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="stats-export"]')]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    const bytes = await streamBytes(await download.createReadStream());
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(1);
    const text = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join(' ');
    expect(text).toContain('综合科');
    expect(text).not.toContain('财务科');
  });

  it('says why there is nothing: no final round in the span, a period written wrongly, an unknown scheme', async () => {
    await show({ from: '2020', to: '2021' });
    expect(await page.getAttribute('.stats-view .problems-box', 'data-error-code')).toBe('no_rounds');
    expect(await page.textContent('.stats-view .problems-box')).toMatch(/^此范围内没有已确定的批次：.*统计示例/);
    expect(await page.isDisabled('[data-action="stats-export"]')).toBe(true);
    await shot(page, 'issue15-stats-no-rounds');
    await show({ period: '二〇二六' });
    expect(await page.getAttribute('.stats-view .problems-box', 'data-error-code')).toBe('invalid_period');
    expect(await page.textContent('.stats-view .problems-box')).toMatch(/^考核期的写法不正确：/);
    await page.evaluate(() => { location.hash = '#stats?scheme=没有的方案&period=2026'; });
    await page.waitForFunction(() => document.querySelector('.stats-view .problems-box')?.getAttribute('data-status') === '404');
    expect(await page.textContent('.stats-view .problems-box')).toMatch(/^没有这个方案或批次/);
    expect(await englishWords(page, '.stats-view')).toEqual([]);
  });

  it('speaks English after the language switch, on the same address', async () => {
    await page.evaluate(() => { location.hash = '#stats?scheme=统计示例&from=2025&to=2026'; });
    await page.waitForSelector('.stats-view .stats-summary');
    await page.click('[data-action="lang"]');
    await page.waitForSelector('[data-action="lang"][lang="zh-CN"]');
    await page.waitForSelector('.stats-view:not([hidden]) .stats-summary');
    expect(await page.textContent('.stats-view h2')).toBe('Statistics and analysis');
    expect(await page.textContent('.stats-view .stats-summary')).toBe('统计视图示例考核: 2025 – 2026; final rounds: 2; people: 14');
    expect((await rows('change-table'))[0]).toEqual(['4', '3', '6', '1', '1']);
    expect(await page.$$eval('.stats-view table.change-table th', (ths) => ths.map((t) => t.textContent))).toEqual(['up', 'down', 'same', 'new', 'gone']);
    await page.waitForFunction(() => document.querySelectorAll('.stats-view .chart[_echarts_instance_]').length >= 5);
    await shot(page, 'issue15-stats-en');
    // Back to Chinese for whoever runs after.
    await page.click('[data-action="lang"]');
    await page.waitForSelector('[data-action="lang"][lang="en"]');
  });
});

async function streamBytes(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
}
