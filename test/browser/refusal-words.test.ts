// Where a problem of a round refusal is, in words (editor/src/rounds/refusal-words.ts; U6 L-8): a
// round's evaluate names people by id in its paths — `subjects[53062319750327041X].input.姓名`, an id
// ending in X stayed a raw path — and its message names the person and field itself (“A”的“姓名”：…),
// which the line repeated after its own “人员“A”的“姓名””. Now: 人员“李伟”（编号…）的“姓名”：缺少必填字段
// once, with the roster's 姓名 when known; the request's order names people in other refusals.

import { describe, expect, it } from 'vitest';
import { uiModules } from './ui-lang.js';

const load = uiModules(async () => ({ words: await import('../../editor/src/rounds/refusal-words.js') }));

const X = '53062319750327041X';
const line = (p: { place: { words: string } | { code: string } | null; message: string }) =>
  `${p.place === null ? '' : 'words' in p.place ? p.place.words : `\`${p.place.code}\``}｜${p.message}`;

describe('a round refusal\'s problem lines', () => {
  it('an evaluate problem by id (also one ending in X): the person by name and id, once', async () => {
    const { words } = await load('zh');
    const names = words.rosterNames([{ id: X, display: { 姓名: '李伟' } }, { id: '530623197911170426', display: {} }]);
    const d = (id: string) => ({ path: `subjects[${id}].input.姓名`, subject: id, code: 'KH-E002', message: `“${id}”的“姓名”：缺少必填字段（文本）` });
    expect(line(words.problemLine(d(X), [], names))).toBe(`人员“李伟”（编号${X}）的“姓名”｜缺少必填字段（文本）`);
    // no name on the roster: the id as before, still once
    expect(line(words.problemLine(d('530623197911170426'), [], names))).toBe('人员“530623197911170426”的“姓名”｜缺少必填字段（文本）');
    // a problem of the whole person
    expect(line(words.problemLine({ path: `subjects[${X}]`, subject: X, message: `“${X}”：评定失败` }, [], names))).toBe(`人员“李伟”（编号${X}）｜评定失败`);
  });

  it('in English', async () => {
    const { words } = await load('en');
    const names = words.rosterNames([{ id: X, display: { 姓名: '李伟' } }]);
    const d = { path: `subjects[${X}].input.姓名`, subject: X, message: `${X}: \`姓名\`: missing required field (text)` };
    expect(line(words.problemLine(d, [], names))).toBe(`“姓名” of “李伟” (ID ${X})｜missing required field (text)`);
  });

  it('a roster or inputs problem by place in the request; a path with no words stays code', async () => {
    const { words } = await load('zh');
    const names = words.rosterNames([{ id: 'A1', display: { 姓名: '张伟' } }]);
    expect(line(words.problemLine({ path: 'members[0].input.通报批评', message: '应为是或否' }, ['A1', 'A3'], names))).toBe('人员“张伟”（编号A1）的“通报批评”｜应为是或否');
    expect(line(words.problemLine({ path: 'members[1].input.通报批评', message: '应为是或否' }, ['A1', 'A3'], names))).toBe('人员“A3”的“通报批评”｜应为是或否');
    expect(line(words.problemLine({ path: 'members[5]', message: '重复' }, ['A1'], names))).toBe('人员“#6”｜重复');
    expect(line(words.problemLine({ path: 'period', message: '格式不对' }))).toBe('考核期｜格式不对');
    expect(line(words.problemLine({ path: 'x.y', message: 'm' }))).toBe('`x.y`｜m');
    expect(line(words.problemLine({ message: '无位置' }))).toBe('｜无位置');
  });

  it('the catalog has the same placeholders in both languages', async () => {
    await load('zh');
    const { placeholders, registeredCatalogs } = await import('../../dsl/i18n/index.js');
    const c = registeredCatalogs().get('editor-refusal')!;
    expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
    for (const [k, t] of Object.entries(c.en)) expect(placeholders(c.zh[k]), k).toEqual(placeholders(t));
  });
});
