// The name the papers print (report/feedback/sheet.ts displayName; the 公示名单, 登记表 and notices use
// it too, server/reports/handlers.ts) is the one rule of engine/display-name.ts, as the round pages
// and 发布前模拟 name people: a blank 姓名 cell is no name (it printed an empty name), spaces around a
// name are not printed, then the id.

import { describe, expect, it } from 'vitest';
import { displayName as engineName } from '../../engine/display-name.js';
import { displayName } from '../../report/feedback/sheet.js';

describe('the papers’ name of a person', () => {
  it('is engine/display-name.ts’s, else the id', () => {
    const cases: [Record<string, string> | undefined, string][] = [
      [{ 姓名: '张三', name: 'Zhang' }, '张三'],
      [{ 姓名: ' 张三 ' }, '张三'],
      [{ 姓名: '  ', name: 'Li Si' }, 'Li Si'],
      [{ 姓名: '' }, 'A1'],
      [{ 科室: '一科' }, 'A1'],
      [undefined, 'A1'],
    ];
    for (const [display, want] of cases) {
      expect(displayName({ subject: 'A1', display }), JSON.stringify(display)).toBe(want);
      expect(displayName({ subject: 'A1', display }), JSON.stringify(display)).toBe(engineName(display) ?? 'A1');
    }
  });
});
