// Server error details as the editor shows them (editor/src/details.ts): plain code, tested without a
// browser (in a UI language the file names: ui-lang.ts). Chinese UI.

import { beforeAll, describe, expect, it } from 'vitest';
import { uiModules } from './ui-lang.js';

const load = uiModules(() => import('../../editor/src/details.js'));
let detailLines: (details: unknown[]) => string[];
beforeAll(async () => {
  ({ detailLines } = await load('zh'));
});

describe('detailLines', () => {
  it('shows a single subject\'s input problem once: path, Chinese title, message, what was found', () => {
    const lines = detailLines([
      { code: 'KH-E002', path: '岗位', subject: 'try', message: '岗位: missing required field (one of 综合, 业务)', expected: 'one of 综合, 业务', found: 'nothing' },
      { code: 'KH-E006', path: '完成率', subject: 'try', message: '完成率: out of range: expected number in [0, 1]', expected: 'number in [0, 1]', found: '1.5' },
    ]);
    expect(lines).toEqual([
      '岗位：缺少必填字段：missing required field (one of 综合, 业务)',
      '完成率：数值超出范围：out of range: expected number in [0, 1]（实际为 1.5）',
    ]);
  });

  it('does not repeat the value a message ends with (KH-E006 names it: “…，实为 1.5”)', () => {
    const lines = detailLines([
      { code: 'KH-E006', path: '完成率', subject: 'try', message: '完成率：超出范围：应为数值，范围 [0, 1]，实为 1.5', expected: 'number in [0, 1]', found: '1.5' },
    ]);
    expect(lines).toEqual(['完成率：数值超出范围：超出范围：应为数值，范围 [0, 1]，实为 1.5']);
  });

  it('names the subject when a cohort has problems in several', () => {
    const lines = detailLines([
      { code: 'KH-E002', path: 'subjects[0].input.岗位', subject: 'A1', message: 'subjects[0].input.岗位: missing required field' },
      { code: 'KH-E002', path: 'subjects[1].input.岗位', subject: 'A2', message: 'subjects[1].input.岗位: missing required field' },
    ]);
    expect(lines[0]).toBe('[A1] subjects[0].input.岗位：缺少必填字段：missing required field');
  });

  it('shows a diagnostic with its line and code', () => {
    const range = { start: { line: 3, column: 5 }, end: { line: 3, column: 9 } };
    expect(detailLines([{ code: 'KH-C001', range, message: "unknown name 'x'" }])).toEqual(["第 3 行:5  KH-C001  未定义的名称：unknown name 'x'"]);
  });
});
