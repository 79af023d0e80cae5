// `kaohe eval` refuses an unknown key on a subject (`"desicion"`, `"Decision"`) and `"decision": null`
// as the HTTP API does (400), instead of silently evaluating without the committee's decision (issue
// 13, hostile finding): KH-E008 / KH-E046 at the key's path, in one-subject JSON, a cohort file and
// JSON lines (engine/subject-keys.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempKeysDir = tempDirs('kaohe-keys-');
const SCHEME = `scheme s "s" {
  input { 分: number in [0, 100] }
  indicator a points 100 = 分
  grades by committee {
    优秀 when score >= 90 quota 50%
    称职 otherwise
  }
}
`;

type Err = { code: string; path?: string; row?: number; message: string };

async function errorsOf(input: string, text: string, lang = 'en'): Promise<Err[]> {
  const dir = tempKeysDir();
  const scheme = join(dir, 's.kaohe'), file = join(dir, input);
  writeFileSync(scheme, SCHEME);
  writeFileSync(file, text);
  const io = memoryIO({}, { disk: true });
  expect(await evalCmd([scheme, file, '--lang', lang], io)).toBe(1);
  return (JSON.parse(io.stdout) as { errors: Err[] }).errors;
}

describe('subject keys on the command line', () => {
  it('refuses a misspelt key in one-subject JSON, naming the key meant', async () => {
    const errs = await errorsOf('in.json', '{"id":"a","input":{"分":5},"desicion":{"grade":"优秀","reason":"r"}}');
    expect(errs.map((e) => [e.code, e.path])).toEqual([['KH-E008', 'desicion']]);
    expect(errs[0].message).toContain('did you mean `decision`?');
  });

  it('refuses unknown keys in a cohort file at the subject path, and at the top level', async () => {
    const errs = await errorsOf('in.json',
      '{"subjects":[{"id":"a","input":{"分":5}},{"id":"b","input":{"分":95},"Decision":{"grade":"优秀","reason":"r"}}],"foo":2}');
    expect(errs.map((e) => [e.code, e.path])).toEqual([['KH-E008', 'foo'], ['KH-E008', 'subjects[1].Decision']]);
  });

  it('refuses "decision": null (KH-E046) in one-subject JSON and a cohort file', async () => {
    expect((await errorsOf('in.json', '{"id":"a","input":{"分":5},"decision":null}')).map((e) => [e.code, e.path]))
      .toEqual([['KH-E046', 'decision']]);
    const zh = await errorsOf('in.json', '{"subjects":[{"id":"a","input":{"分":5},"decision":null}]}', 'zh');
    expect(zh.map((e) => [e.code, e.path])).toEqual([['KH-E046', 'subjects[0].decision']]);
    expect(zh[0].message).toBe('subjects[0].decision：研究决定不能为 “null”：没有研究决定时请省略 “decision”');
  });

  it('refuses them in JSON lines at the line and key', async () => {
    const errs = await errorsOf('in.jsonl',
      '{"id":"a","input":{"分":5},"Decision":{"grade":"优秀","reason":"r"}}\n{"id":"b","input":{"分":95},"decision":null}\n', 'zh');
    expect(errs.map((e) => [e.code, e.row, e.path])).toEqual([['KH-E008', 1, 'Decision'], ['KH-E046', 2, 'decision']]);
    expect(errs[0].message).toBe('第 1 行 “Decision”：未知字段：人员对象只有 “id”、“input”、“display” 和 “decision”；是否指 “decision”？');
  });

  it('still takes a subject with every known key and a period', async () => {
    const dir = tempKeysDir();
    writeFileSync(join(dir, 's.kaohe'), SCHEME);
    writeFileSync(join(dir, 'in.json'), '{"id":"a","input":{"分":95},"display":{"姓名":"张三"},"decision":{"grade":"称职","reason":"r"},"period":"2026"}');
    const io = memoryIO({}, { disk: true });
    expect(await evalCmd([join(dir, 's.kaohe'), join(dir, 'in.json')], io), io.stdout).toBe(0);
    expect(JSON.parse(io.stdout).grade).toBe('称职');
  });
});
