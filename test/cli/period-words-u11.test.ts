// The engine's period words (black-box trial, session 10, LOW): they reach the API, the command line
// and examples alike, so KH-E032 (no period) names the period's form and not where to write it — no
// `--period` to an API caller, no “API body” or `周期 "…"` to a command-line user — and the command
// line adds its own hint for a .json input; KH-E031 (a period of another form) names the form(s) the
// scheme takes instead of saying “is not a period”. zh and en.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { render } from '../../dsl/i18n/index.js';
import { evaluate, prepare } from '../../engine/index.js';
import { memoryIO } from '../memory-io.js';

const SCHEME = join(import.meta.dirname, '../language/dates.kaohe'); // quarterly, reads periodStart/periodEnd
const source = readFileSync(SCHEME, 'utf8');
const scheme = prepare(source, 'dates.kaohe').value!;
const subject = { id: 'A1', input: { 入职日: '2020-01-01', 诫勉记录: [], 迟到记录: [] } };
/** A scheme without a period kind: any form is a period. */
const ANY_KIND = 'scheme 任意 {\n  input { 分: number }\n  indicator 得分 weight 100% = 分\n}\n';

const both = (r: Awaited<ReturnType<typeof evaluate>>) => (r.ok ? [] : [render(r.errors[0].msg!, 'zh'), render(r.errors[0].msg!, 'en')]);
const CALLERS = /--period|"period"|API|接口|请求体|示例|example|周期 "/;

describe('the engine’s period words', () => {
  it('KH-E032: the form of the scheme’s kind, not a caller’s place to write it (zh, en)', async () => {
    const r = await evaluate(scheme, subject);
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.path, e.expected])).toEqual([['KH-E032', 'period', '2026-Q1']]);
    for (const text of both(r)) {
      expect(text).toContain('2026-Q1');
      expect(text).not.toMatch(CALLERS);
    }
  });

  it('KH-E031: the form the scheme takes, and the fault when there is one; not “is not a period” (zh, en)', async () => {
    const malformed = both(await evaluate(scheme, subject, { period: '2026Q2' }));
    const fault = both(await evaluate(scheme, subject, { period: '2026-Q5' }));
    for (const text of [...malformed, ...fault]) {
      expect(text).toContain('2026-Q1');
      expect(text).not.toMatch(/is not a period|写法不对/);
    }
    expect(malformed[0]).toContain('2026Q2');
    expect(fault[1]).toContain('Q1–Q4'); // the fault said (dsl/date-faults.ts)
    // A scheme of no kind: every form it takes
    const any = both(await evaluate(prepare(ANY_KIND, 'any.kaohe').value!, { id: 'a', input: { 分: 1 } }, { period: 'Q2' }));
    for (const text of any) for (const form of ['2026', '2026-Q1', '2026-03', '2026-03-01..2026-06-30']) expect(text).toContain(form);
  });

  it('kaohe eval of a .json input without a period: the command line says --period (and the JSON’s "period")', async () => {
    for (const lang of ['zh', 'en']) {
      const io = memoryIO({ [SCHEME]: source, 'in.json': JSON.stringify(subject) });
      expect(await evalCmd([SCHEME, 'in.json', '--lang', lang], io)).toBe(1);
      const [e] = JSON.parse(io.stdout).errors;
      expect([e.code, e.path]).toEqual(['KH-E032', 'period']);
      expect(e.message).toContain('--period 2026-Q1');
      expect(e.message).toContain('"period": "2026-Q1"');
    }
  });
});
