// `kaohe eval --period` is the command line's (C10, a 组织部 officer's trial, cli/commands/eval-period.ts):
// a period the scheme does not take (`2026-13`, `2026-Q5`, a year for a quarterly scheme, a malformed
// one for a scheme without a period) was printed among the roster's problems with exit 1, as if a row
// were wrong. Now it is an option problem: said on stderr naming `--period` and the form the scheme
// takes, exit 2, nothing on stdout and no --out file, whatever the input. So is a roster without
// `--period` under a scheme that reads the period (KH-E032); a .json input may give `"period"` as the
// API body does, and its problems stay the input's (exit 1). A scheme that says `period quarterly` and
// reads no period evaluates without one as before (exit 0) but says so on stderr, naming the form,
// once the results are out (a run that wrote none says nothing of it).

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';
import { CHILD_FLAGS } from '../child-flags.js';

const dir = tempDirs('kaohe-period-option-')();

/** Reads periodStart/periodEnd: it cannot be evaluated without a period (KH-E032). */
const DATED = `scheme 纪律 "季度纪律考核" {
  period quarterly
  input {
    迟到记录: list of { 发生日: date }
  }
  let 期内迟到 = count(r in 迟到记录 where r.发生日 in [periodStart, periodEnd])
  indicator 纪律 "工作纪律" weight 100% = 100 - 5 * 期内迟到
  grades {
    好 when score >= 60
    差 otherwise
  }
}
`;

/** Says \`period quarterly\` but no rule reads the period: right without one, said on stderr. */
const PLAIN = DATED.replace('纪律 "季度纪律考核"', '平时 "平时考核"').replace(/ {2}let [^\n]*\n/, '').replace('100 - 5 * 期内迟到', '100 - 5 * count(迟到记录)');

/** No \`period\` at all: a well-formed --period is carried, a malformed one refused. */
const NONE = PLAIN.replace('  period quarterly\n', '').replace('平时 "平时考核"', '无期 "不分期考核"');

writeFileSync(join(dir, 'dated.kaohe'), DATED);
writeFileSync(join(dir, 'plain.kaohe'), PLAIN);
writeFileSync(join(dir, 'none.kaohe'), NONE);
// the second row is wrong (a number for a list): a roster problem that must not be reported when the option is
writeFileSync(join(dir, 'roster.csv'), '编号,迟到记录\nA1,"[{""发生日"": ""2026-04-01""}]"\nA2,[]\n');
writeFileSync(join(dir, 'bad-row.csv'), '编号,迟到记录\nA1,[]\nA2,7\n');
writeFileSync(join(dir, 'roster.jsonl'), `${JSON.stringify({ id: 'A1', input: { 迟到记录: [] } })}\n`);
writeFileSync(join(dir, 'one.json'), JSON.stringify({ id: 'A1', input: { 迟到记录: [] } }));
writeFileSync(join(dir, 'one-q2.json'), JSON.stringify({ id: 'A1', input: { 迟到记录: [] }, period: '2026-Q2' }));
writeFileSync(join(dir, 'one-bad.json'), JSON.stringify({ id: 'A1', input: { 迟到记录: [] }, period: '2026-Q5' }));

const HAN = /[\u4e00-\u9fff]/;

async function kaohe(scheme: string, input: string, ...more: string[]) {
  const io = memoryIO({}, { disk: true, cwd: dir });
  const code = await evalCmd([join(dir, scheme), join(dir, input), ...more], io);
  return { code, out: io.stdout, err: io.stderr };
}

let outs = 0;
/** A fresh --out path (never written before). */
const freshOut = (ext: string) => join(dir, `out-${++outs}.${ext}`);

describe('kaohe eval --period that the scheme does not take (C10)', () => {
  it('is an option problem: exit 2, said on stderr naming --period and the form, nothing on stdout, no --out file', async () => {
    for (const period of ['2026-13', '2026-Q5', '2026']) {
      for (const [input, ext] of [['roster.csv', 'json'], ['bad-row.csv', 'xlsx'], ['roster.jsonl', 'jsonl'], ['one.json', 'json'], ['one-q2.json', 'csv']] as const) {
        for (const lang of ['zh', 'en'] as const) {
          const out = freshOut(ext);
          const r = await kaohe('plain.kaohe', input, '--period', period, '--lang', lang, '--out', out);
          const what = `${period} ${input} ${lang}`;
          expect(r.code, what).toBe(2);
          expect(r.out, what).toBe('');
          expect(existsSync(out), what).toBe(false);
          const lines = r.err.split('\n').filter(Boolean);
          expect(lines, what).toHaveLength(1);
          expect(lines[0], what).toContain(`--period ${period}`);
          expect(lines[0], what).toContain('--period 2026-Q1'); // the form the scheme takes
          expect(HAN.test(lines[0].replace(/“[^”]*”/g, '')), what).toBe(lang === 'zh');
        }
      }
    }
  }, 60_000);

  it('stops before the roster is read: its problems are not reported', async () => {
    const r = await kaohe('plain.kaohe', 'bad-row.csv', '--period', '2026-13');
    expect([r.code, r.out]).toEqual([2, '']);
    const rowProblems = await kaohe('plain.kaohe', 'bad-row.csv', '--period', '2026-Q1');
    expect(rowProblems.code).toBe(1); // the same roster with a good period: its row is the problem
    expect(JSON.parse(rowProblems.out).errors.length).toBeGreaterThan(0);
  });

  it('refuses a malformed --period for a scheme without a period (exit 2); a well-formed one is carried', async () => {
    const bad = await kaohe('none.kaohe', 'roster.csv', '--period', '2026-Q5', '--lang', 'zh');
    expect([bad.code, bad.out]).toEqual([2, '']);
    expect(bad.err).toContain('--period 2026-Q5');
    const good = await kaohe('none.kaohe', 'roster.csv', '--period', '2026-Q2');
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out).period).toBe('2026-Q2');
    expect(good.err).toBe('');
  });

  it('keeps a bad "period" in a .json input the input\'s problem: KH-E031 on stdout, exit 1', async () => {
    const r = await kaohe('plain.kaohe', 'one-bad.json', '--lang', 'zh');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors.map((e: { code: string; path?: string }) => [e.code, e.path])).toEqual([['KH-E031', 'period']]);
  });
});

describe('kaohe eval without --period (C10)', () => {
  it('a roster under a scheme that reads the period: exit 2, said on stderr naming --period 2026-Q1, no --out file', async () => {
    for (const [input, ext] of [['roster.csv', 'json'], ['roster.csv', 'xlsx'], ['roster.jsonl', 'jsonl']] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const out = freshOut(ext);
        const r = await kaohe('dated.kaohe', input, '--lang', lang, '--out', out);
        expect([r.code, r.out], `${input} ${lang}`).toEqual([2, '']);
        expect(existsSync(out)).toBe(false);
        expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
        expect(r.err).toContain('--period 2026-Q1');
        expect(HAN.test(r.err.replace(/“[^”]*”/g, ''))).toBe(lang === 'zh');
      }
    }
  });

  it('a .json input under a scheme that reads the period: KH-E032 stops it as before (exit 1, on stdout)', async () => {
    const r = await kaohe('dated.kaohe', 'one.json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors.map((e: { code: string }) => e.code)).toEqual(['KH-E032']);
  });

  it('a scheme that names a quarterly period but reads none: evaluated (exit 0), said on stderr in zh and en', async () => {
    for (const input of ['roster.csv', 'roster.jsonl', 'one.json']) {
      for (const lang of ['zh', 'en'] as const) {
        const r = await kaohe('plain.kaohe', input, '--lang', lang);
        expect(r.code, `${input} ${lang}`).toBe(0);
        const result = JSON.parse(r.out);
        expect(result.period).toBeUndefined();
        expect(typeof (result.results?.[0]?.score ?? result.score)).toBe('number'); // results, not errors
        const lines = r.err.split('\n').filter(Boolean);
        expect(lines, `${input} ${lang}`).toHaveLength(1);
        expect(lines[0]).toContain('--period 2026-Q1');
        expect(HAN.test(lines[0].replace(/“[^”]*”/g, ''))).toBe(lang === 'zh');
      }
    }
  });

  it('says nothing when a period is given (--period or the .json "period") or the scheme has none', async () => {
    for (const [scheme, input, more] of [['plain.kaohe', 'roster.csv', ['--period', '2026-Q2']], ['plain.kaohe', 'one-q2.json', []], ['none.kaohe', 'roster.csv', []]] as const) {
      const r = await kaohe(scheme, input, ...more);
      expect([r.code, r.err], `${scheme} ${input}`).toEqual([0, '']);
    }
    // a run that wrote no results has nothing to say of their period
    const failed = await kaohe('plain.kaohe', 'bad-row.csv', '--out', freshOut('json'));
    expect(failed.code).toBe(1);
    expect(failed.err).not.toContain('--period');
  });
});

describe('bin/kaohe.js (the built command)', () => {
  it('exits 2 on a bad --period, the words on stderr, stdout empty, no --out file', () => {
    const bin = join(import.meta.dirname, '../../bin/kaohe.js');
    const out = freshOut('json');
    const r = spawnSync(process.execPath, [...CHILD_FLAGS, bin, 'eval', 'plain.kaohe', 'roster.csv', '--period', '2026-13', '--lang', 'zh', '--out', out], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--period 2026-Q1');
    expect(existsSync(out)).toBe(false);
  });
});
