// `kaohe export --format json-rules-engine` and the exported rules themselves: the CLI contract
// (Chinese unescaped, exit 2 on scheme errors and unknown formats), exact numbers as text with the
// exact operators, computed facts named by source position, rules a plain json-rules-engine Engine
// runs when fed exact facts, and `and` short-circuiting through priorities (no division by zero).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/commands/export.js';
import type { IO } from '../../cli/io.js';
import { analyze } from '../../dsl/index.js';
import { evaluate, prepare } from '../../engine/index.js';
import { exactOperators } from '../../engine/jre/exact.js';
import { exportRules, type JreDocument } from '../../engine/jre/export.js';
import '../../engine/jre/register.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPOSITE = `${ROOT}schemes/annual-composite.kaohe`;

function io(files: Record<string, string> = {}) {
  const out: string[] = [], err: string[] = [];
  const x: IO = { out: (t) => out.push(t), err: (t) => err.push(t), read: (p) => files[p] ?? readFileSync(p, 'utf8'), cwd: ROOT };
  return { io: x, out: () => out.join(''), err: () => err.join('') };
}

function docOf(path: string): JreDocument {
  const a = analyze(readFileSync(path, 'utf8'), path);
  return exportRules(a.checked!, a.file).doc;
}

describe('kaohe export', () => {
  it('prints the rules as JSON with Chinese unescaped', async () => {
    const t = io();
    expect(await run([COMPOSITE, '--format', 'json-rules-engine'], t.io)).toBe(0);
    expect(t.out()).toContain('"等次情形.得票"');
    expect(t.out()).not.toMatch(/\\u[0-9a-f]{4}/);
    const doc = JSON.parse(t.out()) as JreDocument;
    expect(doc.rules.negative).toHaveLength(7);
    expect(doc.rules.reward).toHaveLength(1);
  });

  it('exits 2 on an unknown format and on scheme errors', async () => {
    const a = io();
    expect(await run([COMPOSITE, '--format', 'drools'], a.io)).toBe(2);
    expect(a.err()).toMatch(/unknown format 'drools'.*json-rules-engine/);
    const b = io({ 'bad.kaohe': 'scheme x { negative n { item i when 没有 > 0 => veto } }' });
    expect(await run(['bad.kaohe', '--format', 'json-rules-engine'], b.io)).toBe(2);
    expect(b.err()).toMatch(/^bad\.kaohe:1:\d+: error KH-/m);
    expect(b.out()).toBe('');
  });
});

describe('the exported rules', () => {
  const doc = docOf(COMPOSITE);
  const rule = (name: string) => doc.rules.negative.find((r) => r.name === name)!;

  it('carry exact numbers as text and delegate arithmetic to computed facts named by position', () => {
    expect(rule('等次情形.得票').conditions).toEqual({ all: [{ fact: '称职以上得票率', operator: 'exactLessThan', value: '2/3' }] });
    const long = rule('等次情形.长假').conditions as { all: { value: { fact: string } }[] };
    const id = long.all[0].value.fact;
    expect(id).toMatch(/^expr@\d+:\d+$/);
    expect(doc.facts[id]).toMatchObject({ kind: 'computed', expr: '工作日数 / 2' });
    expect(rule('等次情形.得票').event.params.effects).toEqual([{ cap: '称职' }, { action: '诫勉谈话' }]);
    expect(doc.rules.reward[0].event.params.effects).toEqual([{ add: { amount: '1', per: { fact: '专项加分' } } }]);
  });

  it('run on a plain json-rules-engine Engine fed exact facts', async () => {
    const facts = (votes: string) => ({
      拒不参加: false, 记过: false, 试用期: false, 诫勉: false, 警告: false, 调整职务: false,
      病事假天数: '0', [(rule('等次情形.长假').conditions as { all: { value: { fact: string } }[] }).all[0].value.fact]: '125',
      [Object.keys(doc.facts).find((k) => doc.facts[k].expr?.startsWith('count('))!]: '0', 称职以上得票率: votes,
    });
    const engine = new Engine(doc.rules.negative as never);
    for (const op of exactOperators()) engine.addOperator(op);
    const names = async (votes: string) => (await engine.run(facts(votes))).events.map((e) => e.params!.item);
    expect(await names('17/27')).toEqual(['得票']);
    expect(await names('18/27')).toEqual([]); // exactly 2/3: not below
  });
});

describe('membership in a scale or a list (issue 12)', () => {
  const doc = docOf(`${ROOT}test/jre/schemes/membership.kaohe`);
  const cond = (name: string) => doc.rules.negative.find((r) => r.name === name)!.conditions;

  it('`x in SCALE` tests the scale\'s values; `x in LIST` reads the list as a fact', () => {
    expect(cond('扣分.档内')).toEqual({ all: [{ fact: 'a', operator: 'exactIn', value: ['100', '95', '90', '85', '80'] }] });
    expect(cond('扣分.列内')).toEqual({ all: [{ fact: 'a', operator: 'exactIn', value: { fact: 'xs' } }] });
    expect(cond('扣分.日内')).toEqual({ all: [{ fact: 'd', operator: 'in', value: { fact: 'ds' } }] });
    expect(cond('扣分.记录')).toEqual({ all: [{ fact: 'r', path: '$.v', operator: 'exactIn', value: { fact: 'xs' } }] });
    expect(doc.facts.xs).toMatchObject({ kind: 'input', type: 'list of integer' });
  });

  it('run on a plain json-rules-engine Engine', async () => {
    const engine = new Engine(doc.rules.negative.filter((r) => ['扣分.档内', '扣分.列内'].includes(r.name)) as never);
    for (const op of exactOperators()) engine.addOperator(op);
    const names = async (a: string, xs: string[]) => (await engine.run({ a, xs })).events.map((e) => e.params!.item);
    expect(await names('90', ['90'])).toEqual(['档内', '列内']);
    expect(await names('91', ['90', '91'])).toEqual(['列内']);
    expect(await names('85', [])).toEqual(['档内']);
  });
});

describe('short-circuit', () => {
  const source = `scheme 短路 {
    input { 受理: integer >= 0, 办结: integer >= 0 }
    indicator 基础 weight 100% = 80
    negative 扣分 {
      item 低 when 受理 > 0 and 办结 / 受理 < 0.9 => deduct 1
      item 错 when 受理 == 1 and 办结 / (受理 - 1) > 0 => deduct 1
    }
    grades { 好 when score >= 60
      差 otherwise }
  }`;
  it('`and` does not evaluate its right side when the left is false (no division by zero)', async () => {
    const s = prepare(source, 'short.kaohe').value!;
    for (const input of [{ 受理: 0, 办结: 0 }, { 受理: 10, 办结: 8 }]) {
      const native = await evaluate(s, { id: 'x', input });
      const jre = await evaluate(s, { id: 'x', input }, { rulesRuntime: 'jre' });
      expect(native.ok).toBe(true);
      expect(jre).toEqual(native);
    }
  });
  it('a failing condition fails both runtimes with the same error', async () => {
    const s = prepare(source, 'short.kaohe').value!;
    const native = await evaluate(s, { id: 'x', input: { 受理: 1, 办结: 1 } });
    expect(native.ok).toBe(false);
    expect(await evaluate(s, { id: 'x', input: { 受理: 1, 办结: 1 } }, { rulesRuntime: 'jre' })).toEqual(native);
  });
});
