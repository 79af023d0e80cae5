// The papers of a round over HTTP (issue 15, server/reports/), against a real SQLite file: the
// feedback sheet whose every number is the stored result's (unit averages recomputed here from the
// stored result, independently of analytics/), the 公示名单 in stroke order (page, JSON, .xlsx), the
// 登记表 and the result notice, a hostile name escaped under the papers' own CSP, and the refusals:
// 404 for a person or unit not in the round (for a unit officer also another unit's person), 409
// before the first evaluation, 403 for a unit officer asking for another unit; reads are audited like
// the round's export. (More hostile cases: reports-hostile.test.ts.)
// Scheme: schemes/quarterly-review.kaohe (平时考核: 工作实绩 75% + 同事测评 25%, `分组 单位`, 好 ≤ 40%
// of a unit, 迟到早退 −0.5 each, 通报批评 caps at 一般, 较差 → 约谈提醒).

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../sheets/xlsx.js';
import { call, type Fixture, auditCommitted } from './helpers.js';
import { accountToken, ok, QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture;
let rc: RoundsClient;
let round: string;
const SCHEME = '平时考核';
const HOSTILE = '<img src=x onerror=alert(1)>';

// 办公室: 张三 (96, 92/93/94 → 95.25 好), 王五 (94, 90/90/93, two late → 92.25, 好 by score but second: 较好),
// 丁一 (95 all, 通报批评 → capped 一般), 李四 (50, 60s → 52.5 较差, 约谈提醒); 综合科: the hostile name (80s → 80 较好),
// 马六 (88, 90/91/92 → 66 + 22.75 = 88.75 较好).
const PEOPLE = [
  { id: 'A01', unit: '办公室', name: '张三', input: { 实绩得分: 96, 测评票: [92, 93, 94] } },
  { id: 'A02', unit: '办公室', name: '王五', input: { 实绩得分: 94, 测评票: [90, 90, 93], 迟到早退次数: 2 } },
  { id: 'A03', unit: '办公室', name: '丁一', input: { 实绩得分: 95, 测评票: [95, 95, 95], 通报批评: true } },
  { id: 'A04', unit: '办公室', name: '李四', input: { 实绩得分: 50, 测评票: [60, 60, 60] } },
  { id: 'B01', unit: '综合科', name: HOSTILE, input: { 实绩得分: 80, 测评票: [80, 80, 80] } },
  { id: 'B02', unit: '综合科', name: '马六', input: { 实绩得分: 88, 测评票: [90, 91, 92] } },
];

withRoundsApp(() => [QUARTERLY()], async (fx, c) => {
  f = fx; rc = c;
  round = await rc.rostered(SCHEME, '2026-Q1', PEOPLE.map((p) => ({ id: p.id, unit: p.unit, status: 'take', display: { 姓名: p.name, 职务: '科员' } })), { name: '一季度考核', appealDays: 15 });
  await ok(rc.inputs(round, { subjects: PEOPLE.map((p) => ({ id: p.id, input: p.input })) }), 201);
  await ok(rc.evaluate(round), 200);
});

const get = (path: string, opts: { token?: string; accept?: string } = {}) =>
  call(f.app, 'GET', path, { token: opts.token ?? f.tokens.A.evaluator, headers: { accept: opts.accept ?? 'application/json' } });

type Inline = string | { num: string } | { strong: string };
interface Block { kind: string; [k: string]: any }
interface Doc { lang: string; title: string; pages: { title: string; subtitle?: string; blocks: Block[] }[] }

/** Every figure of a page: `num` runs of paragraphs and lists, and numeric cells of tables and fields. */
function figures(page: Doc['pages'][number]): string[] {
  const out: string[] = [];
  const runs = (list: Inline[]) => { for (const r of list) if (typeof r !== 'string' && 'num' in r) out.push(r.num); };
  const numeric = (s: string | undefined) => { if (s !== undefined && /^[+-]?\d+(\.\d+)?%?$/.test(s)) out.push(s); };
  for (const b of page.blocks) {
    if (b.kind === 'paragraph' && b.runs) runs(b.runs);
    if (b.kind === 'list') for (const item of b.items) runs(item);
    if (b.kind === 'table') for (const row of b.rows) for (const cell of row) numeric(cell);
    if (b.kind === 'fields') for (const it of b.items) numeric(it.value);
  }
  return out;
}

/** The mean of reported scores (2 decimals) as printed: 2 decimals, rounded half away from zero —
 * computed here with plain integers, not with analytics/. */
function meanText(scores: number[]): string {
  const hundredths = scores.map((s) => Math.round(s * 100));
  const sum = hundredths.reduce((a, b) => a + b, 0);
  const n = hundredths.length;
  // mean × 100 = sum / n, rounded half away from zero (all values here are positive)
  const scaled = Math.floor((sum * 2 + n) / (2 * n));
  return `${Math.floor(scaled / 100)}.${String(scaled % 100).padStart(2, '0')}`;
}

/** The score minus the printed mean, with its sign, 2 decimals. */
const diffText = (score: number, mean: string): string => {
  const d = Math.round(score * 100) - Math.round(Number(mean) * 100);
  const abs = Math.abs(d);
  return `${d > 0 ? '+' : d < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

describe('GET /api/rounds/:id/feedback/:subject', () => {
  it('every number on the sheet is the stored result\'s: score, grade, each indicator, unit averages', async () => {
    const stored = (await ok(get(`/api/rounds/${round}/export`), 200)).result;
    for (const person of PEOPLE) {
      const doc: Doc = await ok(get(`/api/rounds/${round}/feedback/${person.id}`), 200);
      expect(doc.lang).toBe('zh');
      const page = doc.pages[0]!;
      const r = stored.results.find((x: any) => x.subject === person.id);
      const unitMates = stored.results.filter((x: any) => PEOPLE.find((p) => p.id === x.subject)!.unit === person.unit);
      const means = r.indicators.map((ind: any) => meanText(unitMates.map((x: any) => x.indicators.find((y: any) => y.id === ind.id).score)));
      // the head of the sheet
      const fields = Object.fromEntries(page.blocks[0]!.items.map((x: any) => [x.label, x.value]));
      expect(fields).toMatchObject({ 姓名: person.name, 单位: person.unit, 职务: '科员', 总分: r.score.toFixed(2), 等次: r.grade });
      expect(page.subtitle).toContain('2026年第一季度');
      // the indicator table: weight, score, points, the unit average, the difference
      const table = page.blocks.find((b) => b.kind === 'table' && b.head[0] === '指标')!;
      expect(table.rows).toEqual(r.indicators.map((ind: any, i: number) => [
        ind.label, `${ind.weight * 100}%`, ind.score.toFixed(2), ind.points.toFixed(2), means[i], diffText(ind.score, means[i]),
      ]));
      // every figure anywhere on the page is one of the stored result's numbers or derived from them
      const allowed = new Set<string>([
        r.score, r.base, r.rewards, r.deductions, ...r.indicators.flatMap((x: any) => [x.score, x.points]),
        ...r.negative.flatMap((x: any) => x.effects.flatMap((e: any) => (e.deduct !== undefined ? [e.deduct] : []))),
      ].map((x: number) => x.toFixed(2)));
      for (const ind of r.indicators) allowed.add(`${ind.weight * 100}%`);
      means.forEach((m: string, i: number) => {
        allowed.add(m);
        const d = diffText(r.indicators[i].score, m);
        allowed.add(d); allowed.add(d.replace(/^[+-]/, ''));
      });
      allowed.add(String(r.bonus));
      allowed.add(r.bonus.toFixed(1)); // as the scheme writes it: 1.0
      // a deduction per count: the count from the input, 0.5 each (the scheme's amount), what that made
      const late = (person.input as { 迟到早退次数?: number }).迟到早退次数;
      if (late !== undefined) { allowed.add(String(late)); allowed.add('0.5'); allowed.add((late * 0.5).toFixed(2)); }
      for (const n of [r.indicators.length, 0, 1, 2, unitMates.length, r.rank.cohort]) allowed.add(String(n));
      if (r.quota) { allowed.add(String(r.quota.limit)); allowed.add(String(r.quota.rank)); }
      expect(figures(page).filter((x) => !allowed.has(x)), `${person.id}: ${figures(page).join(' ')}`).toEqual([]);
      expect(figures(page)).toContain(r.score.toFixed(2));
    }
  });

  it('the reasons in words: quota demotion, the cap, the deduction, the action; no rule syntax or line numbers', async () => {
    // the page's text with figures and emphasis joined into their sentences
    const flat = (_: string, v: any) => (v && typeof v === 'object' && ('num' in v || 'strong' in v) ? v.num ?? v.strong : v);
    const text = async (id: string) => JSON.stringify(await ok(get(`/api/rounds/${round}/feedback/${id}`), 200), flat).split('","').join('');
    const wang = await text('A02');
    expect(wang).toContain('扣分事项：“迟到早退”，“迟到早退次数”为2，每次扣0.5分，计1.00分。');
    expect(wang).toContain('“办公室”范围内名额为');
    expect(wang).toContain('超出名额，调整为');
    const ding = await text('A03');
    expect(ding).toContain('因“受到通报批评”，等次最高只能评为');
    const li = await text('A04');
    // the scheme's own words for the action, and what led to it (officer #10)
    expect(li).toContain('“约谈提醒”（因评定等次为“较差”）：按方案规定，由主管领导约谈提醒。');
    for (const t of [wang, ding, li]) {
      expect(t).not.toMatch(/第 ?\d+ ?行|line \d+|>=|<=|==/);
    }
  });

  it('HTML by default for a browser: the hostile name escaped, under a CSP with no script and the style by hash', async () => {
    const r = await get(`/api/rounds/${round}/feedback/B01`, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(r.text).not.toContain('<img');
    expect(r.text).not.toMatch(/<script|style="/i);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(r.text)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    expect(r.text).toContain('@page { size: A4; margin: 12mm 16mm; }');
  });

  it('?lang=en gives the English sheet', async () => {
    const doc: Doc = await ok(get(`/api/rounds/${round}/feedback/A01?lang=en`), 200);
    expect(doc.lang).toBe('en');
    expect(doc.pages[0]!.title).toBe('Assessment feedback sheet');
  });

  it('a person not in the round is 404 naming them; a unit officer asking for another unit\'s person is 404 too, for another unit 403', async () => {
    const r = await call(f.app, 'GET', `/api/rounds/${round}/feedback/Z99?lang=zh`, { token: f.tokens.A.evaluator });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toContain('“Z99”不在考核批次“一季度考核”');
    const officer = await accountToken(f, '综合科管理员', ['综合科'], ['evaluator']);
    expect((await get(`/api/rounds/${round}/feedback/A01`, { token: officer })).status).toBe(404);
    expect((await get(`/api/rounds/${round}/feedback/B02`, { token: officer })).status).toBe(200);
    const file: Doc = await ok(get(`/api/rounds/${round}/feedback`, { token: officer }), 200);
    expect(file.pages.length).toBe(2);
    expect((await get(`/api/rounds/${round}/papers/publicity?unit=${encodeURIComponent('办公室')}`, { token: officer })).status).toBe(403);
  });

  it('the papers\' refusals are Chinese like the papers, unless ?lang=en or Accept-Language names English (officer #4)', async () => {
    const plain = (path: string, headers: Record<string, string> = {}, token = f.tokens.A.evaluator) => call(f.app, 'GET', path, { token, headers });
    const chinese = /[\u4e00-\u9fff]/;
    const notIn = await plain(`/api/rounds/${round}/feedback/Z99`);
    expect(notIn.status).toBe(404);
    expect(notIn.body.error.message).toContain('“Z99”不在考核批次');
    expect(notIn.headers.get('content-language')).toBe('zh');
    const officer = await accountToken(f, '综合科管理员二', ['综合科'], ['evaluator']);
    const other = await plain(`/api/rounds/${round}/papers/notice/A01`, {}, officer);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toMatch(chinese);
    const open = await rc.rostered(SCHEME, '2026-Q3', [{ id: 'A01', unit: '办公室', status: 'take' }]);
    const early = await plain(`/api/rounds/${open}/papers/publicity`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(chinese);
    const unknownUnit = await plain(`/api/rounds/${round}/feedback?unit=${encodeURIComponent('财务科')}`);
    expect(unknownUnit.status).toBe(404);
    expect(unknownUnit.body.error.message).toMatch(chinese);
    // English when asked for
    expect((await plain(`/api/rounds/${round}/feedback/Z99?lang=en`)).body.error.message).toContain('`Z99` is not among the people');
    const en = await plain(`/api/rounds/${round}/papers/register/Z99`, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body.error.message).toContain('is not among the people');
    expect((await plain(`/api/rounds/${round}/papers/register/Z99`, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' })).body.error.message).toMatch(chinese);
  });

  it('a round never evaluated is 409 round_not_evaluated; another organization\'s round is 404', async () => {
    const open = await rc.rostered(SCHEME, '2026-Q2', [{ id: 'A01', unit: '办公室', status: 'take' }]);
    const r = await get(`/api/rounds/${open}/papers/notice/A01`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('round_not_evaluated');
    expect((await get(`/api/rounds/${round}/feedback/A01`, { token: f.tokens.B.admin })).status).toBe(404);
  });

  it('a whole unit is one file, a page per person in roster order; an unknown unit is 404', async () => {
    const doc: Doc = await ok(get(`/api/rounds/${round}/feedback?unit=${encodeURIComponent('办公室')}`), 200);
    expect(doc.pages.map((p) => p.blocks[0]!.items[0].value)).toEqual(['张三', '王五', '丁一', '李四']);
    expect((await get(`/api/rounds/${round}/feedback?unit=${encodeURIComponent('财务科')}`)).status).toBe(404);
  });

  it('is audited as a read of the round', async () => {
    const r = await call(f.app, 'GET', `/api/rounds/${round}/papers/register/A01`, { token: f.tokens.A.evaluator, headers: { 'x-request-id': 'req-register' } });
    expect(r.status).toBe(200);
    await auditCommitted(f.app); // a read is written one turn later
    const rows = await f.store.all('SELECT action, target, status FROM audit_log WHERE request_id = ?', ['req-register']);
    expect(rows).toEqual([{ action: 'read', target: `round:${round}`, status: 200 }]);
  });
});

describe('GET /api/rounds/:id/papers/*', () => {
  it('the 公示名单 sorts 按姓氏笔画 (丁 2, 马 3, 王 4, then 李 before 张: both 7, 李 starts with 横, 张 with 折), then id; the hostile name (not Chinese) comes first', async () => {
    const doc: Doc = await ok(get(`/api/rounds/${round}/papers/publicity`), 200);
    const table = doc.pages[0]!.blocks.find((b) => b.kind === 'table')!;
    expect(table.head).toEqual(['序号', '姓名', '单位', '职务', '等次']);
    expect(table.rows.map((r: string[]) => r[1])).toEqual([HOSTILE, '丁一', '马六', '王五', '李四', '张三']);
    expect(table.rows[1]).toEqual(['2', '丁一', '办公室', '科员', '一般']);
  });

  it('the 公示名单 as .xlsx has the same rows', async () => {
    const res = await f.app.request(`/api/rounds/${round}/papers/publicity?format=xlsx`, { headers: { authorization: `Bearer ${f.tokens.A.evaluator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readXlsxRows(new Uint8Array(await res.arrayBuffer()));
    const head = rows.findIndex((r) => r.cells[1] === '姓名');
    expect(rows.slice(head).map((r) => r.cells[1])).toEqual(['姓名', HOSTILE, '丁一', '马六', '王五', '李四', '张三']);
    // headed like the printed page (officer #12): title, scheme and period, 公示期, 监督电话
    expect(rows[0]!.cells[0]).toBe('考核结果公示');
    const above = rows.slice(0, head).map((r) => String(r.cells[0] ?? '')).join('\n');
    expect(above).toContain('机关工作人员季度平时考核　2026年第一季度');
    expect(above).toMatch(/公示期/);
    expect(above).toMatch(/^监督电话：/m);
  });

  it('the result notice: “X同志：经考核，你…考核等次为…”, with the round\'s appeal days', async () => {
    const doc: Doc = await ok(get(`/api/rounds/${round}/papers/notice/A01`), 200);
    const text = JSON.stringify(doc.pages[0]!.blocks);
    expect(text).toContain('张三同志：');
    expect(text).toContain('经考核，你2026年第一季度考核等次为');
    expect(text).toContain('可在收到本通知之日起15日内申请复核');
    expect(text).toContain('特此通知。');
    const unit: Doc = await ok(get(`/api/rounds/${round}/papers/notice?unit=${encodeURIComponent('综合科')}`), 200);
    expect(unit.pages.length).toBe(2);
  });

  it('the 登记表 has the form\'s fields, the grade filled in, room for 本人意见 and signatures', async () => {
    const doc: Doc = await ok(get(`/api/rounds/${round}/papers/register/A04`), 200);
    const labels = doc.pages[0]!.blocks.filter((b) => b.kind === 'fields').flatMap((b) => b.items.map((x: any) => x.label));
    expect(labels).toEqual(['姓名', '单位', '职务', '考核期', '个人总结', '主管领导评语', '考核等次', '本人意见', '考核委员会意见', '机关负责人签名']);
    const grade = doc.pages[0]!.blocks[0]!.items.find((x: any) => x.label === '考核等次');
    expect(grade.value).toBe('较差');
  });
});
