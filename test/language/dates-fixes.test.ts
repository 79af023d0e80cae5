// Fixes to dates, periods and the command line after the issue 12 review (fixes12 FD): durations
// bounded (a huge one hung the evaluator), the end-of-month rule for month arithmetic, a date default,
// reversed interval ends, period and date messages that say what is wrong, period names labelled as
// such in the editor, bare numbers in a roster's date column, and `--help` on every command.

import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { addDuration, MAX_DURATION } from '../../dsl/dates.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { analyze } from '../../dsl/index.js';
import { LanguageService } from '../../dsl/service/index.js';
import { engine } from '../../engine/index.js';
import type { EvalOutcome } from '../../engine/api.js';
import { convert } from '../../sheets/cells.js';
import { memoryIO } from '../memory-io.js';

const diags = (src: string) => analyze(src).diagnostics.filter((d) => d.code !== 'KH-C040').map((d) => [d.code, d.severity]);
const prepared = (src: string) => {
  const p = engine.prepare(src);
  expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return p.value!;
};
const errorsOf = <T>(o: EvalOutcome<T>) => (o.ok ? [] : o.errors);
/** The key of a message (`checkDates.badDate` → `badDate`) and of its `why`, if any. */
const ids = (m: Msg | undefined) => [m?.id.split('.')[1], (m?.args?.why as Msg | undefined)?.id.split('.')[1]];

const oneDate = (body: string, inputs = 'd: date') => `scheme t {
  input { ${inputs} }
  indicator A weight 100% = if ${body} then 100 else 0
}`;

describe('durations are bounded (review 5)', () => {
  it('KH-C105: an amount above 10000 years in any unit is a check error; the limit itself is not', () => {
    expect(diags(oneDate('d + 100000000000000000000 days > d'))).toEqual([['KH-C105', 'error']]);
    for (const [unit, max] of Object.entries(MAX_DURATION)) {
      expect(diags(oneDate(`d + ${max} ${unit} > d`)), unit).toEqual([]);
      expect(diags(oneDate(`d - ${max + 1} ${unit} < d`)), unit).toEqual([['KH-C105', 'error']]);
    }
  });

  it('the calendar refuses, at once, any result outside 0001–9999 however far the move', () => {
    const t = Date.now();
    expect(addDuration('2026-03-01', 1e20, 'days', 1)).toBeUndefined();
    expect(addDuration('2026-03-01', 1e20, 'days', -1)).toBeUndefined();
    expect(addDuration('2026-03-01', 1e20, 'months', 1)).toBeUndefined();
    expect(addDuration('0001-01-01', 3652058, 'days', 1)).toBe('9999-12-31');
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('KH-E033: the longest allowed duration from a real date leaves the range (the engine stops, no hang)', async () => {
    const p = prepared(oneDate('d + 3660000 days > d'));
    const out = await engine.evaluate(p, { id: 'x', input: { d: '2026-03-01' } });
    expect(errorsOf(out).map((e) => e.code)).toEqual(['KH-E033']);
  });
});

describe('the end-of-month rule (review 9)', () => {
  it('from a month\'s last day, months and years land on the target month\'s last day', () => {
    expect(addDuration('2026-06-30', 6, 'months', -1)).toBe('2025-12-31');
    expect(addDuration('2025-02-28', 1, 'years', 1)).toBe('2026-02-28');
    expect(addDuration('2024-02-29', 1, 'years', -1)).toBe('2023-02-28');
    expect(addDuration('2026-02-28', 1, 'months', 1)).toBe('2026-03-31');
    expect(addDuration('2026-09-30', 1, 'months', 1)).toBe('2026-10-31');
    expect(addDuration('2026-04-30', 2, 'months', -1)).toBe('2026-02-28');
  });

  it('from any other day, the same day clamped to the target month', () => {
    expect(addDuration('2026-01-30', 1, 'months', 1)).toBe('2026-02-28');
    expect(addDuration('2024-02-28', 1, 'months', 1)).toBe('2024-03-28'); // not February's last day in 2024
    expect(addDuration('2026-01-31', 1, 'months', 1)).toBe('2026-02-28');
    expect(addDuration('2026-03-15', 6, 'months', -1)).toBe('2025-09-15');
  });

  it('"半年内" (periodEnd - 6 months, periodEnd] for 2026-Q2 is exactly 2026-01-01 … 2026-06-30', async () => {
    const p = prepared(`scheme t {
  period quarterly
  input { d: date }
  indicator A weight 100% = if d in (periodEnd - 6 months, periodEnd] then 100 else 0
}`);
    const score = async (d: string) => {
      const o = await engine.evaluate(p, { id: d, input: { d } }, { period: '2026-Q2' });
      return o.ok ? o.value.score : o.errors;
    };
    // 2026-06-30 − 6 months = 2025-12-31 (the excluded edge): 12-31 out, 01-01 and 06-30 in.
    expect([await score('2025-12-31'), await score('2026-01-01'), await score('2026-06-30')]).toEqual([0, 100, 100]);
  });
});

describe('date literals and intervals (reviews 8, 22)', () => {
  it('a date input\'s default and a date argument are date contexts', async () => {
    const src = (d: string) => `scheme t {
  function later(x: date): bool = x > "2026-01-01"
  input { d: date = ${d} }
  indicator A weight 100% = if later(d) and later("2026-05-01") then 100 else 0
}`;
    expect(diags(src('"2026-02-01"'))).toEqual([]);
    expect(diags(src('"2026-02-30"'))).toEqual([['KH-C100', 'error']]);
    const out = await engine.evaluate(prepared(src('"2026-02-01"')), { id: 'x', input: {} });
    expect(out.ok && out.value.score).toBe(100);
  });

  it('KH-C104: constant ends that leave the interval empty; not for ordered or variable ends', () => {
    expect(diags(oneDate('d in ["2026-03-01", "2026-01-01"]'))).toEqual([['KH-C104', 'warning']]);
    expect(diags(oneDate('n in [5, 1]', 'n: number'))).toEqual([['KH-C104', 'warning']]);
    expect(diags(oneDate('n in (3, 3]', 'n: number'))).toEqual([['KH-C104', 'warning']]);
    expect(diags(oneDate('n in [-1, -5]', 'n: number'))).toEqual([['KH-C104', 'warning']]);
    expect(diags(oneDate('n in [3, 3]', 'n: number'))).toEqual([]);
    expect(diags(oneDate('n in [-5, 50%]', 'n: number'))).toEqual([]);
    expect(diags(oneDate('d in ["2026-01-01", "2026-03-01")'))).toEqual([]);
    expect(diags(oneDate('d in ["2026-03-01", periodEnd]'))).toEqual([]);
  });
});

describe('period and date messages (review 16, officer 9)', () => {
  const scheme = prepared(`scheme t {
  period quarterly
  input { d: date }
  indicator A weight 100% = if d <= periodEnd then 100 else 0
}`);
  const run = async (period: unknown, d = '2026-01-01') => errorsOf(await engine.evaluate(scheme, { id: 'x', input: { d } }, { period: period as string }));

  it('a period that is not text says a text was expected, with the kind\'s form', async () => {
    const [e] = await run(2026);
    expect([e.code, ...ids(e.msg)]).toEqual(['KH-E031', 'periodNotText', undefined]);
    expect(e.msg?.args).toMatchObject({ form: '2026-Q1' });
  });

  it('a malformed period says why and lists only the scheme\'s kind\'s form', async () => {
    const [q5] = await run('2026-Q5');
    expect([q5.code, ...ids(q5.msg)]).toEqual(['KH-E031', 'periodFault', 'quarter']);
    expect(q5.msg?.args?.forms).toEqual(['2026-Q1']);
    const [other] = await run('Q1');
    expect(other.msg?.args?.forms).toEqual(['2026-Q1']);
  });

  it('KH-E030 shows the value and why: 2026 has no February 29', async () => {
    const [e] = await run('2026-Q1', '2026-02-29');
    expect([e.code, ...ids(e.msg?.args?.what as Msg)]).toEqual(['KH-E030', 'badDate', 'day']);
    expect((e.msg?.args?.what as Msg).args).toMatchObject({ value: '2026-02-29' });
  });

  it('KH-C100 and KH-C102 say why too', () => {
    const d = analyze(`scheme t {
  period quarterly
  input { d: date }
  indicator A weight 100% = if d <= periodEnd and d > "2026-04-31" then 100 else 0
  example e { period "2026-Q5" given { d: "2026-13-01" } expect score == 100 }
}`).diagnostics.filter((x) => x.code !== 'KH-C040');
    const inner = (m: Msg | undefined) => (m?.id.endsWith('.inExample') ? (m.args?.problem as Msg) : m);
    expect(d.map((x) => [x.code, ...ids(inner(x.msg))])).toEqual([
      ['KH-C100', 'badDate', 'day'], ['KH-C102', 'periodFault', 'quarter'], ['KH-C100', 'badDate', 'month'],
    ]);
  });
});

describe('the editor calls periodStart/periodEnd a period (review 19)', () => {
  const src = `scheme t {
  input { d: date }
  indicator A weight 100% = if d <= periodEnd then 100 else 0
}`;
  for (const ui of ['en', 'zh'] as const) {
    it(`hover and completion (${ui})`, () => {
      const ls = new LanguageService({ ui });
      ls.update(src);
      const at = src.indexOf('periodEnd') + 2;
      const text = JSON.stringify(ls.hover(at));
      expect(text).toContain(ui === 'en' ? '— period' : '— 周期');
      const item = ls.complete(at).items.find((c) => c.label === 'periodEnd');
      expect(item?.detail).toBe(ui === 'en' ? 'period' : '周期');
    });
  }
});

describe('a bare number in a roster\'s date column (review 20)', () => {
  it('is not read as a date serial: the engine refuses it (KH-E030)', async () => {
    const cell = convert(2026, { kind: 'date' });
    expect(cell).toEqual({ value: 2026 });
    const p = prepared(oneDate('d > "2026-01-01"'));
    const out = await engine.evaluate(p, { id: 'x', input: { d: (cell as { value: unknown }).value } });
    expect(errorsOf(out).map((e) => [e.code, e.path])).toEqual([['KH-E030', 'd']]);
  });
});

describe('--help on every command, localized (officer 6)', () => {
  it('kaohe --help lists --period for eval', async () => {
    const io = memoryIO({});
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/eval FILE INPUT \[--period P\]/);
  });

  for (const command of ['check', 'fmt', 'eval', 'template', 'test', 'export', 'serve', 'token']) {
    it(`kaohe ${command} --help --lang zh: its usage in Chinese, exit 0, nothing refused`, async () => {
      const io = memoryIO({});
      expect(await main([command, '--help', '--lang', 'zh'], io)).toBe(0);
      expect(io.stderr).toBe('');
      expect(io.stdout).toMatch(new RegExp(`^用法：kaohe ${command}`));
    });
  }

  it('kaohe eval -h names --period and its forms', async () => {
    const io = memoryIO({});
    expect(await main(['eval', '-h'], io)).toBe(0);
    expect(io.stdout).toContain('--period');
    expect(io.stdout).toContain('2026-Q1');
  });
});
