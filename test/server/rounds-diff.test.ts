// Who changed between two revisions, and why (server/rounds/diff.ts): real cohort results from the
// engine before and after one person's input is corrected. With a 优秀 quota of 40% over five people
// (limit 2), raising the third-best above the others moves the second-best below the quota line.

import { describe, expect, it } from 'vitest';
import type { SubjectInput } from '../../engine/api.js';
import { evaluateCohort } from '../../engine/index.js';
import { loadSource } from '../engine/helpers.js';
import { changedSources, diffResults } from '../../server/rounds/diff.js';

const QUOTA = `scheme 差异测试 {
  input { 实绩: number = 0 }
  indicator 实绩分 weight 100% = 实绩
  grades {
    优秀 when score >= 90 quota 40%
    称职 otherwise
  }
}`;

const RELATIVE = `scheme 相对测试 {
  input { 实绩: number = 0 }
  indicator 实绩分 weight 100% = 实绩 / overall max(实绩) * 100
  grades {
    优秀 when score >= 90
    称职 otherwise
  }
}`;

// An action that follows the grade (嘉奖) and one that follows an input the score does not read (辞退).
const ACTIONS = `scheme 措施测试 {
  input { 实绩: number = 0  违纪: bool = false }
  indicator 实绩分 weight 100% = 实绩
  grades {
    优秀 when score >= 90 quota 40%
    称职 otherwise
  }
  outcomes {
    action 嘉奖 when grade == 优秀
    action 辞退 when 违纪
  }
}`;

async function runWith(src: string, subjects: SubjectInput[]) {
  const { scheme } = loadSource(src);
  const r = await evaluateCohort(scheme, subjects);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

async function run(src: string, scores: Record<string, number>) {
  const { scheme } = loadSource(src);
  const subjects: SubjectInput[] = Object.entries(scores).map(([id, v]) => ({ id, input: { 实绩: v } }));
  const r = await evaluateCohort(scheme, subjects);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('diffResults', () => {
  it('an amendment that moves someone else across a quota line: amended, quota, rank, each with words', async () => {
    // before: a 95, b 93, c 91, d 80, e 70 → 优秀 a, b (limit 2 of 5 at 40%); c demoted to 称职 (rank 3)
    const before = await run(QUOTA, { a: 95, b: 93, c: 91, d: 80, e: 70 });
    expect(before.results.map((r) => r.grade)).toEqual(['优秀', '优秀', '称职', '称职', '称职']);
    // c corrected to 99: c 99 (1), a 95 (2), b 93 (3, now below the line), d, e unchanged
    const after = await run(QUOTA, { a: 95, b: 93, c: 99, d: 80, e: 70 });
    const changes = diffResults(before, after, ['c'], 'en');
    expect(changes.map((c) => [c.subject, c.why])).toEqual([
      ['a', ['rank']],
      ['b', ['quota']],
      ['c', ['amended', 'quota']],
    ]);
    const [a, b, c] = changes;
    expect(a.before).toEqual({ score: 95, grade: '优秀', rank: { overall: 1, cohort: 1 } });
    expect(a.after).toEqual({ score: 95, grade: '优秀', rank: { overall: 2, cohort: 2 } });
    expect(b.before.grade).toBe('优秀');
    expect(b.after).toEqual({ score: 93, grade: '称职', rank: { overall: 3, cohort: 3 } });
    // b held 优秀 within the quota and left it because c's corrected score passed b's
    expect(b.reason).toBe('moved below the quota line of `优秀` (rank 3, limit 2): demoted to `称职`; the corrected score of `c` rose above theirs');
    expect(c.after.grade).toBe('优秀');
    // c was never within the quota before (demoted at rank 3): entered it, not "back within"
    expect(c.reason).toBe('the input or decision was amended; entered the quota of `优秀`');
    expect(changes.every((x) => x.actions.gained.length === 0 && x.actions.lost.length === 0)).toBe(true);
    expect(a.reason).toBe("only the rank moved (others' results changed)");
    const zh = diffResults(before, after, ['c'], 'zh');
    expect(zh.map((x) => x.reason)).toEqual([
      '仅排名变化（他人结果有变）',
      '落到“优秀”名额线以下（排名第 3，名额 2），降为“称职”；因“c”更正后的得分升到其之上',
      '输入或决定已更正；进入“优秀”名额以内',
    ]);
  });

  it('nothing changed: no entries; the amended person unchanged is not listed', async () => {
    const before = await run(QUOTA, { a: 95, b: 80 });
    const after = await run(QUOTA, { a: 95, b: 80 });
    expect(diffResults(before, after, ['a'])).toEqual([]);
  });

  it('a score that follows the cohort (overall max) changes for people nobody amended: cohort', async () => {
    // before: max 100 → a 100, b 90 (优秀), c 50; a corrected to 120 → b = 90/120·100 = 75 (称职), c = 125/3 ≈ 41.67
    const before = await run(RELATIVE, { a: 100, b: 90, c: 50 });
    const after = await run(RELATIVE, { a: 120, b: 90, c: 50 });
    const changes = diffResults(before, after, ['a'], 'en');
    expect(changes.map((x) => [x.subject, x.why])).toEqual([['b', ['cohort']], ['c', ['cohort']]]);
    expect(changes[0].before.grade).toBe('优秀');
    expect(changes[0].after).toMatchObject({ score: 75, grade: '称职' });
  });

  it('a subject missing from either revision is not compared', async () => {
    const before = await run(QUOTA, { a: 95, b: 80 });
    const after = await run(QUOTA, { a: 95, b: 85, z: 60 });
    // 40% of 2 is 0: a (95) is demoted; with z the base is 3 and the limit 1, so a is 优秀 again
    const changes = diffResults(before, after, ['b']);
    expect(changes.map((x) => [x.subject, x.why])).toEqual([['a', ['quota']], ['b', ['amended']]]);
    // a was past the quota (limit 0 of 2) and entered it because the base grew, not because anyone moved
    expect(changes[0].reason).toBe('entered the quota of `优秀`; the quota grew from 0 to 1');
  });

  it('actions gained and lost are listed, also for someone whose only change is an action, in both languages', async () => {
    const people = (over: Record<string, Partial<{ 实绩: number; 违纪: boolean }>> = {}) =>
      Object.entries({ a: 95, b: 93, c: 91, d: 80, e: 70 }).map(([id, v]) => ({ id, input: { 实绩: v, 违纪: false, ...over[id] } }));
    const before = await runWith(ACTIONS, people());
    // e's 违纪 corrected to true: e's score, grade and rank stay; only 辞退 appears
    const fired = await runWith(ACTIONS, people({ e: { 违纪: true } }));
    const only = diffResults(before, fired, ['e'], 'en');
    expect(only.map((x) => [x.subject, x.why, x.actions])).toEqual([['e', ['amended'], { gained: ['辞退'], lost: [] }]]);
    expect(only[0].before).toEqual(only[0].after);
    expect(only[0].reason).toBe('the input or decision was amended; action `辞退` now applies');
    expect(diffResults(before, fired, ['e'], 'zh')[0].reason).toBe('输入或决定已更正；新增措施“辞退”');
    // and back: 辞退 disappears
    const back = diffResults(fired, before, ['e'], 'zh');
    expect(back.map((x) => [x.subject, x.actions])).toEqual([['e', { gained: [], lost: ['辞退'] }]]);
    expect(back[0].reason).toBe('输入或决定已更正；不再采取措施“辞退”');
    // c raised to 99: b leaves the 优秀 quota and loses 嘉奖, c gains it
    const raised = await runWith(ACTIONS, people({ c: { 实绩: 99 } }));
    const moved = diffResults(before, raised, ['c'], 'en');
    expect(moved.map((x) => [x.subject, x.actions])).toEqual([
      ['a', { gained: [], lost: [] }], ['b', { gained: [], lost: ['嘉奖'] }], ['c', { gained: ['嘉奖'], lost: [] }],
    ]);
    expect(moved[1].reason).toBe('moved below the quota line of `优秀` (rank 3, limit 2): demoted to `称职`; the corrected score of `c` rose above theirs; action `嘉奖` no longer applies');
    // two at once: plural in English, 、 in Chinese
    const both = await runWith(ACTIONS, people({ c: { 实绩: 99, 违纪: true } }));
    const c = diffResults(before, both, ['c'], 'en').find((x) => x.subject === 'c')!;
    expect(c.actions.gained).toEqual(['嘉奖', '辞退']);
    expect(c.reason).toBe('the input or decision was amended; entered the quota of `优秀`; actions `嘉奖`, `辞退` now apply');
    expect(diffResults(before, both, ['c'], 'zh').find((x) => x.subject === 'c')!.reason).toBe('输入或决定已更正；进入“优秀”名额以内；新增措施“嘉奖、辞退”');
  });

  it('quota reasons say what happened: entered because a corrected score dropped below them; reaches a grade but beyond its quota', async () => {
    // before: a 95, b 93 优秀; c 91 past the quota (rank 3, limit 2)
    const before = await run(QUOTA, { a: 95, b: 93, c: 91, d: 80, e: 70 });
    // a corrected to 85: a is no 优秀 candidate any more, c (never within before) enters the quota
    const dropped = await run(QUOTA, { a: 85, b: 93, c: 91, d: 80, e: 70 });
    const changes = diffResults(before, dropped, ['a'], 'en');
    expect(changes.map((x) => [x.subject, x.why])).toEqual([['a', ['amended']], ['b', ['rank']], ['c', ['quota']]]);
    expect(changes[2].before.grade).toBe('称职');
    expect(changes[2].after.grade).toBe('优秀');
    expect(changes[2].reason).toBe('entered the quota of `优秀`; the corrected score of `a` dropped below theirs');
    expect(diffResults(before, dropped, ['a'], 'zh')[2].reason).toBe('进入“优秀”名额以内；因“a”更正后的得分降到其之下');
    // d corrected to 92: d now reaches 优秀 but ranks 3rd of limit 2 — never within the quota, so not "moved below" it
    const beyond = await run(QUOTA, { a: 95, b: 93, c: 91, d: 92, e: 70 });
    const d = diffResults(before, beyond, ['d'], 'en').find((x) => x.subject === 'd')!;
    expect(d.why).toEqual(['amended', 'quota']);
    expect(d.reason).toBe('the input or decision was amended; reaches `优秀` but is beyond its quota (rank 3, limit 2): `称职`');
    expect(diffResults(before, beyond, ['d'], 'zh').find((x) => x.subject === 'd')!.reason)
      .toBe('输入或决定已更正；达到“优秀”条件但在名额以外（排名第 3，名额 2），定为“称职”');
    // c stays past the quota (rank 4 now): rank only
    expect(diffResults(before, beyond, ['d']).find((x) => x.subject === 'c')!.why).toEqual(['rank']);
  });

  it('a re-read source: why `source`, and the people it passes are told whose score moved', async () => {
    const before = await run(QUOTA, { a: 95, b: 93, c: 91 });
    // a's roll-up re-read: 95 → 85 (nobody amended anything)
    const after = await run(QUOTA, { a: 85, b: 93, c: 91 });
    // 40% of 3 → limit 1: before a 优秀, b past the quota; after b 优秀
    const changes = diffResults(before, after, { sourced: ['a'] }, 'en');
    expect(changes.map((x) => [x.subject, x.why])).toEqual([['a', ['source']], ['b', ['quota']], ['c', ['rank']]]);
    expect(changes[0].reason).toBe('the results it reads were corrected');
    expect(changes[1].reason).toBe('entered the quota of `优秀`; the score of `a` dropped below theirs');
    const zh = diffResults(before, after, { sourced: ['a'] }, 'zh');
    expect(zh.map((x) => x.reason).slice(0, 2)).toEqual(['引用的结果已更正', '进入“优秀”名额以内；因“a”的得分降到其之下']);
  });

  it('changedSources: the people whose server-filled values differ between two stored revisions', () => {
    const rev = (q: Record<string, unknown>) => JSON.stringify({ subjects: Object.entries(q).map(([id, v]) => ({ id, input: { 实绩: 1, 季度结果: v } })) });
    const one = [{ period: '2026-Q1', score: '80.00', grade: '好', imported: false }];
    const two = [{ period: '2026-Q1', score: '84.00', grade: '好', imported: false }];
    expect(changedSources(rev({ a: one, b: one, c: one }), rev({ a: one, b: two, d: two }), ['季度结果'])).toEqual(['b']);
    expect(changedSources(rev({ a: one }), rev({ a: two }), [])).toEqual([]);
  });
});
