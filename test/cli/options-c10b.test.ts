// The command line's options, round two (C10b, a 组织部 officer's black-box trial; cli/options.ts):
// an option that takes a value, given twice (with the same value or not) or without its value (none,
// an empty one, another option where the value goes), is one line on stderr naming the option, exit
// 2, nothing on stdout and no --out file — in every command; an unknown option is named with the
// nearest known one; a third argument that is a period says to write it as --period; a wrong --period
// is said once with the corrected form of what was typed when it is close; --periods problems are the
// command's lines (`kaohe eval：…`) and an empty --periods is a missing value, not 200 roster errors.
// Words are asserted by what they carry (the option, the form), in zh and en.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const dir = tempDirs('kaohe-options-c10b-')();
const SCHEMES = join(import.meta.dirname, '../../schemes');
const QUARTERLY = join(SCHEMES, 'quarterly-review.kaohe');
const ANNUAL = join(SCHEMES, 'annual-review.kaohe');

/** A monthly scheme (no reference scheme is one). */
const MONTHLY = join(dir, 'monthly.kaohe');
writeFileSync(MONTHLY, `scheme 月考 "月度考核" {
  period monthly
  input {
    得分: number
  }
  indicator 实绩 "工作实绩" weight 100% = 得分
  grades {
    好 when score >= 60
    差 otherwise
  }
}
`);

/** The trial's roster: 200 people of quarterly-review. */
const ROSTER = join(dir, 'r.csv');
writeFileSync(ROSTER, ['单位,编号,实绩得分,测评票,迟到早退次数,通报批评',
  ...Array.from({ length: 200 }, (_, i) => `办公室,P${String(i).padStart(3, '0')},${80 + (i % 20)},"[85,90,88]",0,否`)].join('\n') + '\n');

const HAN = /[\u4e00-\u9fff]/;
/** Whether a line is in Chinese, apart from what it quotes (scheme names, values). */
const isZh = (line: string) => HAN.test(line.replace(/“[^”]*”/g, ''));

async function kaohe(argv: string[], env: Record<string, string> = {}) {
  const io = memoryIO({}, { disk: true, cwd: dir });
  io.env = env;
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr, lines: io.stderr.split('\n').filter(Boolean) };
}

let outs = 0;
const freshOut = (ext: string) => join(dir, `out-${++outs}.${ext}`);

describe('an option that takes a value, given twice (C10b)', () => {
  it('kaohe eval: --period twice, --out twice, with different or the same values: one line naming it, exit 2, nothing written', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const a = freshOut('json'), b = freshOut('json');
      const cases: [string, string[]][] = [ // (a flag such as --explain may repeat: checked below)
        ['--period', ['--period', '2026-Q2', '--period', '2026-Q3', '--out', a]],
        ['--period', ['--period', '2026-Q2', '--period=2026-Q2', '--out', a]],
        ['--out', ['--period', '2026-Q2', '--out', a, '--out', b]],
        ['--out', ['--out', a, '--period', '2026-Q2', '--out', a]],
      ];
      for (const [option, more] of cases) {
        const r = await kaohe(['eval', QUARTERLY, ROSTER, '--lang', lang, ...more]);
        const what = `${lang} ${more.join(' ')}`;
        expect([r.code, r.out], what).toEqual([2, '']);
        expect(r.lines, what).toHaveLength(1);
        expect(r.lines[0], what).toContain(option);
        expect(isZh(r.lines[0]), what).toBe(lang === 'zh');
        expect(existsSync(a) || existsSync(b), what).toBe(false);
      }
    }
    const small = join(dir, 'small.csv');
    writeFileSync(small, readFileSync(ROSTER, 'utf8').split('\n').slice(0, 4).join('\n') + '\n');
    const flags = await kaohe(['eval', QUARTERLY, small, '--period', '2026-Q2', '--explain', '--explain', '--out', freshOut('json')]);
    expect(flags.code).toBe(0);
  }, 60_000);

  it('the same rule in the other commands (--out, --keywords, --against, --lang, --port, --role)', async () => {
    const cases: string[][] = [
      ['template', QUARTERLY, '--out', freshOut('csv'), '--out', freshOut('csv')],
      ['doc', QUARTERLY, '--out', freshOut('html'), '--out', freshOut('html')],
      ['fmt', QUARTERLY, '--keywords', 'zh', '--keywords', 'zh'],
      ['check', QUARTERLY, '--lang', 'en', '--lang', 'en'],
      ['test', QUARTERLY, '--lang', 'zh', '--lang', 'en'],
      ['export', QUARTERLY, '--format', 'json-rules-engine', '--format', 'json-rules-engine'],
      ['whatif', QUARTERLY, '--against', 'a.json', '--against', 'b.json'],
      ['serve', '--port', '1', '--port', '2'],
      ['token', 'create', '--org', 'x', '--role', 'admin', '--role', 'author', '--db', join(dir, 'no.db')],
      ['account', 'create', '--name', 'x', '--name', 'y', '--db', join(dir, 'no.db')],
    ];
    for (const argv of cases) {
      const option = argv.find((a, i) => a.startsWith('--') && argv.indexOf(a) !== i)!;
      const r = await kaohe(argv, { LANG: 'zh_CN.UTF-8' });
      expect([r.code, r.out], argv.join(' ')).toEqual([2, '']);
      expect(r.lines, argv.join(' ')).toHaveLength(1);
      expect(r.lines[0], argv.join(' ')).toContain(`“${option}”`);
      expect(r.lines[0].startsWith(`kaohe ${argv[0]}`), argv.join(' ')).toBe(true);
    }
    for (const out of cases.slice(0, 2).flatMap((c) => c.filter((a) => a.startsWith(dir)))) expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'no.db'))).toBe(false);
  }, 60_000);
});

describe('an option without its value (C10b)', () => {
  it('kaohe eval: last, followed by another option, empty, or `=` with nothing: one line naming it, exit 2, nothing written', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const out = freshOut('json');
      const cases: [string, string[]][] = [
        ['--period', ['--out', out, '--period']],
        ['--period', ['--period', '--out', out]],
        ['--period', ['--period', '', '--out', out]],
        ['--period', ['--period=', '--out', out]],
        ['--periods', ['--periods', '', '--period', '2026-Q2', '--out', out]],
        ['--periods', ['--periods', ',', '--period', '2026-Q2', '--out', out]],
        ['--out', ['--period', '2026-Q2', '--out']],
        ['--format', ['--format', '--period', '2026-Q2']],
        ['--backend', ['--backend=', '--out', out]],
        ['--rules-runtime', ['--rules-runtime', '--out', out]],
        ['--lang', ['--out', out, '--lang']],
      ];
      for (const [option, more] of cases) {
        const argv = ['eval', QUARTERLY, ROSTER, ...(option === '--lang' ? [] : ['--lang', lang]), ...more];
        const r = await kaohe(argv, option === '--lang' ? { LANG: lang === 'zh' ? 'zh_CN.UTF-8' : 'C' } : {});
        const what = `${lang} ${more.join(' ')}`;
        expect([r.code, r.out], what).toEqual([2, '']);
        expect(r.lines, what).toHaveLength(1);
        expect(r.lines[0], what).toContain(option);
        expect(r.lines[0], what).toMatch(/^kaohe eval/);
        expect(isZh(r.lines[0]), what).toBe(lang === 'zh');
        expect(existsSync(out), what).toBe(false);
      }
    }
  }, 60_000);

  it('an empty --period is no period: not a run without one (the trial: exit 0 and no notice)', async () => {
    const r = await kaohe(['eval', QUARTERLY, ROSTER, '--period=']);
    expect([r.code, r.out, r.lines.length]).toEqual([2, '', 1]);
    // left out, the same run evaluates and says the period is not named
    const without = await kaohe(['eval', QUARTERLY, ROSTER, '--out', freshOut('json')]);
    expect(without.code).toBe(0);
    expect(without.err).toContain('--period 2026-Q1');
  });

  it('--periods \'\' under the annual scheme is one command-line error, not the roster\'s 200 (exit 2)', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const r = await kaohe(['eval', ANNUAL, ROSTER, '--period', '2026', '--periods', '', '--lang', lang]);
      expect([r.code, r.out], lang).toEqual([2, '']);
      expect(r.lines).toHaveLength(1);
      expect(r.lines[0]).toContain('--periods');
    }
  });

  it('the other commands say which option lacks its value (not the usage alone)', async () => {
    const cases: [string, string[]][] = [
      ['--out', ['template', QUARTERLY, '--out']],
      ['--out', ['doc', QUARTERLY, '--out', '--lang', 'zh']],
      ['--keywords', ['fmt', QUARTERLY, '--keywords=']],
      ['--against', ['whatif', QUARTERLY, '--against']],
      ['--base', ['whatif', QUARTERLY, '--against', 'a.json', '--base', '']],
      ['--format', ['export', QUARTERLY, '--format']],
      ['--port', ['serve', '--port']],
      ['--role', ['token', 'create', '--org', 'x', '--role']],
      ['--units', ['account', 'create', '--name', 'x', '--units', '--db', join(dir, 'no.db')]],
    ];
    for (const [option, argv] of cases) {
      const r = await kaohe(argv);
      expect([r.code, r.out], argv.join(' ')).toEqual([2, '']);
      expect(r.lines, argv.join(' ')).toHaveLength(1);
      expect(r.lines[0], argv.join(' ')).toContain(option);
    }
  });
});

describe('mistakes said in a line, not with the usage alone (C10b)', () => {
  it('a third argument that is a period: did you mean --period …? (corrected when close)', async () => {
    for (const [arg, period] of [['2026-Q2', '2026-Q2'], ['2026q2', '2026-Q2'], ['2026', '2026']]) {
      for (const lang of ['zh', 'en'] as const) {
        const r = await kaohe(['eval', QUARTERLY, ROSTER, arg, '--lang', lang]);
        expect([r.code, r.out]).toEqual([2, '']);
        expect(r.lines[0]).toContain(arg);
        expect(r.lines[0]).toContain(`--period ${period}`);
        expect(isZh(r.lines[0]), `${arg} ${lang}`).toBe(lang === 'zh');
      }
    }
    // another third argument is named as one too many, without a --period
    const other = await kaohe(['eval', QUARTERLY, ROSTER, 'extra.csv']);
    expect(other.code).toBe(2);
    expect(other.lines[0]).toContain('extra.csv');
    expect(other.lines[0]).not.toContain('--period');
    const few = await kaohe(['eval', QUARTERLY]);
    expect(few.code).toBe(2);
    expect(few.lines[0]).toMatch(/^kaohe eval/);
  });

  it('an unknown option is named with the nearest known one', async () => {
    for (const [command, typo, near] of [['eval', '--perod', '--period'], ['eval', '--ou', '--out'], ['whatif', '--agianst', '--against'], ['fmt', '--keyword', '--keywords']]) {
      const r = await kaohe([command, QUARTERLY, ROSTER, typo, 'x', '--lang', 'zh']);
      expect(r.code).toBe(2);
      expect(r.lines[0]).toContain(typo);
      expect(r.lines[0]).toContain(`“${near}”`);
    }
    const far = await kaohe(['eval', QUARTERLY, ROSTER, '--bogus', '--lang', 'en']);
    expect(far.code).toBe(2);
    expect(far.lines[0]).toContain('--bogus');
    expect(far.lines[0]).not.toContain('did you mean');
  });
});

describe('kaohe eval --period words (C10b)', () => {
  /** The one line of a refused --period, which must name what was typed and the form to write once. */
  async function refused(scheme: string, period: string, lang: 'zh' | 'en'): Promise<string> {
    const out = freshOut('json');
    const r = await kaohe(['eval', scheme, ROSTER, '--period', period, '--lang', lang, '--out', out]);
    expect([r.code, r.out, existsSync(out)], `${period} ${lang}`).toEqual([2, '', false]);
    expect(r.lines, `${period} ${lang}`).toHaveLength(1);
    expect(r.lines[0]).toContain(`--period ${period}`);
    expect(isZh(r.lines[0].replaceAll(period, '')), `${period} ${lang}`).toBe(lang === 'zh'); // what was typed may be Chinese
    return r.lines[0];
  }
  const count = (text: string, part: string) => text.split(part).length - 1;

  it('suggests the corrected form of what was typed when it is close, else the scheme\'s example, once', async () => {
    const cases: [string, string, string][] = [
      [QUARTERLY, '2026Q2', '2026-Q2'], [QUARTERLY, '2026-q2', '2026-Q2'], [QUARTERLY, '2026 Q3', '2026-Q3'],
      [QUARTERLY, '2026-13', '2026-Q1'], [QUARTERLY, '2026-Q5', '2026-Q1'], [QUARTERLY, '2026', '2026-Q1'],
      [MONTHLY, '2026-2', '2026-02'], [MONTHLY, '2026-Q2', '2026-03'], [ANNUAL, '2026年', '2026'],
    ];
    for (const [scheme, period, suggest] of cases) {
      for (const lang of ['zh', 'en'] as const) {
        const line = await refused(scheme, period, lang);
        expect(line, `${period} ${lang}`).toContain(`--period ${suggest}`);
        // the form to write is said once (the trial: "应写作“2026-Q1”；…应写作“--period 2026-Q1”")
        expect(count(line, suggest) - count(`--period ${period}`, suggest), `${period} ${lang}`).toBe(1);
      }
    }
  }, 60_000);

  it('a text of another form is not called a period of its own kind (2026-13 is no month)', async () => {
    // The engine's words said "不是季度周期" / "is not quarterly": the command line's name the scheme's form.
    for (const lang of ['zh', 'en'] as const) {
      const line = await refused(QUARTERLY, '2026-13', lang);
      expect(line).toContain('平时考核'); // the scheme whose form it is not
      expect(line).not.toMatch(/季度周期|is not quarterly|is not a period/);
    }
  });

  it('the corrected period runs: the suggestion is a period the scheme takes', async () => {
    const r = await kaohe(['eval', QUARTERLY, ROSTER, '--period', '2026-Q2', '--out', freshOut('json')]);
    expect([r.code, r.err.includes('--period')]).toEqual([0, false]);
    const monthly = join(dir, 'm.csv');
    writeFileSync(monthly, '编号,得分\nA1,70\n');
    const m = await kaohe(['eval', MONTHLY, monthly, '--period', '2026-02']);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.out).period).toBe('2026-02');
  });
});

describe('kaohe eval --periods lines (C10b)', () => {
  it('each problem is a line of the command (kaohe eval: …), the period set apart from the words', async () => {
    const q = freshOut('json');
    const r0 = await kaohe(['eval', QUARTERLY, ROSTER, '--period', '2026-Q1', '--out', q]);
    expect(r0.code).toBe(0);
    for (const lang of ['zh', 'en'] as const) {
      const r = await kaohe(['eval', ANNUAL, ROSTER, '--period', '2027', '--periods', q, '--lang', lang]);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.lines.length).toBeGreaterThan(0);
      for (const line of r.lines) expect(line).toMatch(/^kaohe eval[:：]/);
      if (lang === 'zh') expect(r.err).toContain('“2026-Q1”'); // not "…考核期2027的输入项"
    }
    expect(JSON.parse(readFileSync(q, 'utf8')).period).toBe('2026-Q1');
  });
});
