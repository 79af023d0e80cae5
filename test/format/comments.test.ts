// Comment placement, blank lines, punctuation, parentheses and keyword spelling, on small schemes.

import { describe, expect, it } from 'vitest';
import { fmt, parseOk, sameTree } from './helpers.js';

const scheme = (body: string) => `scheme s {\n${body}\n}\n`;

describe('comments', () => {
  it('keeps leading, trailing and end-of-file comments in place', () => {
    const src = `// header\n\n// about s\nscheme s { // trailing on the header\n  // leading\n  let a = 1 // trailing\n  /* block */ let b = 2\n  // last inside\n}\n// after\n`;
    expect(fmt(src)).toBe(
      `// header\n\n// about s\nscheme s { // trailing on the header\n  // leading\n  let a = 1 // trailing\n  /* block */\n  let b = 2\n  // last inside\n}\n// after\n`);
  });

  it('moves a comment inside an expression before its line', () => {
    const src = scheme(`  let a = 1 + /* inner */ 2\n  let b = (3 // end of line\n    + 4)`);
    expect(fmt(src)).toBe(scheme(`  /* inner */\n  let a = 1 + 2\n  // end of line\n  let b = 3 + 4`));
  });

  it('attaches comments to members, items, grades and given entries', () => {
    const src = scheme([
      '  group g weight 100% /* { not a brace */ {',
      '    // about i',
      '    indicator i weight 100% = 1 // one',
      '  }',
      '  grades {',
      '    a when score >= 90 // top',
      '    // fallback',
      '    b otherwise',
      '  }',
      '  example e {',
      '    given { x: 1, // one',
      '      // two',
      '      y: [{ z: 1 }, /* in list */ { z: 2 }] }',
      '    expect score >= 0',
      '  }',
    ].join('\n'));
    const out = fmt(src);
    expect(out).toBe(scheme([
      '  /* { not a brace */',
      '  group g weight 100% {',
      '    // about i',
      '    indicator i weight 100% = 1 // one',
      '  }',
      '  grades {',
      '    a when score >= 90 // top',
      '    // fallback',
      '    b otherwise',
      '  }',
      '  example e {',
      '    given {',
      '      x: 1, // one',
      '      // two',
      '      y: [',
      '        { z: 1 },',
      '        /* in list */',
      '        { z: 2 }',
      '      ]',
      '    }',
      '    expect score >= 0',
      '  }',
    ].join('\n')));
    expect(fmt(out)).toBe(out);
    sameTree(parseOk(src), parseOk(out));
  });

  it('keeps at most one blank line, none after `{` or before `}`', () => {
    const src = `scheme s {\n\n\n  let a = 1\n\n\n\n  let b = 2\n  let c = 3\n\n}\n`;
    expect(fmt(src)).toBe(`scheme s {\n  let a = 1\n\n  let b = 2\n  let c = 3\n}\n`);
  });

  it('never loses a comment', () => {
    const src = `/*a*/scheme/*b*/s/*c*/"l"/*d*/{/*e*/let/*f*/x/*g*/=/*h*/1/*i*/}/*j*/`;
    const out = fmt(src);
    for (const c of 'abcdefghij') expect(out).toContain(`/*${c}*/`);
    expect(fmt(out)).toBe(out);
  });
});

describe('canonical spelling', () => {
  it('turns full-width punctuation and Chinese quotes into ASCII', () => {
    const src = scheme('  let a “标签” = 最小（1，2）\n  table t { x： 1 }\n  enum e { x }');
    expect(fmt(src, 'en')).toBe(scheme('  let a "标签" = min(1, 2)\n  table t { x: 1 }\n  enum e { x }'));
  });

  it('escapes quotes and backslashes in labels and strings', () => {
    const src = scheme('  let a "say \\"hi\\" \\\\ ok" = "x"');
    expect(fmt(src)).toBe(src);
  });

  it('uses the fewest parentheses that keep the meaning', () => {
    const cases: [string, string][] = [
      ['(a + b) * c', '(a + b) * c'], ['a - (b - c)', 'a - (b - c)'], ['(a - b) - c', 'a - b - c'],
      ['(a * b) + c', 'a * b + c'], ['-(a * b)', '-(a * b)'], ['(-a) * b', '-a * b'], ['- (-a)', '- -a'],
      ['not (a and b)', 'not (a and b)'], ['(not a) and b', 'not a and b'], ['not (a == b)', 'not a == b'],
      ['(a or b) and c', '(a or b) and c'], ['a or (b and c)', 'a or b and c'],
      ['(if a then 1 else 2) + 1', '(if a then 1 else 2) + 1'], ['if a then 1 else (if b then 2 else 3)', 'if a then 1 else if b then 2 else 3'],
      ['if (if a then b else c) then 1 else 2', 'if (if a then b else c) then 1 else 2'],
      ['(a == b) == c', '(a == b) == c'], ['(a + 1) in { x, y }', 'a + 1 in { x, y }'],
      ['(rate r).x', '(rate r).x'], ['rate (r.x)', 'rate r.x'], ['(a.b)[c]', 'a.b[c]'], ['(1 + 2).x', '(1 + 2).x'],
      ['bands (a + 1) { >= (1 + 1): (2), else: 3 }', 'bands a + 1 { >= 1 + 1: 2, else: 3 }'],
      ['avg(t in (l) where (t > 1) : (t * 2))', 'avg(t in l where t > 1 : t * 2)'],
    ];
    for (const [input, expected] of cases) {
      const out = fmt(scheme(`  let v = ${input}`));
      expect(out, input).toBe(scheme(`  let v = ${expected}`));
      sameTree(parseOk(scheme(`  let v = ${input}`)), parseOk(out));
    }
  });

  it('spells max/min by position and translates built-ins and result names', () => {
    const src = scheme([
      '  panel p {', '    a weight 100% min 2', '    trim 1 when count >= 5', '  }',
      '  input {', '    l: list of number min 1 max 3', '  }',
      '  reward r max 5 {', '    item i when true => add 1 max 2', '  }',
      '  indicator x weight 100% = max(min(1, 2), avg(l))',
      '  grades {', '    a when score >= 90 quota 20% round up min 1 of all', '    b otherwise', '  }',
    ].join('\n'));
    const zh = fmt(src, 'zh');
    expect(zh).toContain('    a 权重 100% 至少 2\n    去掉 1 当 计数 >= 5\n');
    expect(zh).toContain('l: 列表 数值 至少 1 上限 3');
    expect(zh).toContain('加分项 r 上限 5 {\n    事项 i 当 是 => 加 1 上限 2');
    expect(zh).toContain('指标 x 权重 100% = 最大(最小(1, 2), 平均(l))');
    expect(zh).toContain('a 当 总分 >= 90 比例 20% 向上取整 至少 1 按全部人数');
    expect(fmt(zh, 'en')).toBe(fmt(src, 'en'));
    sameTree(parseOk(src), parseOk(zh));
  });
});

describe('comment order', () => {
  it('never reorders comments on one line', () => {
    const src = scheme('  example e { /* a */ given // b\n  { x: [] /* c */ ， // d\n  y: 1 } }');
    const out = fmt(src);
    expect(out.indexOf('/* a */')).toBeLessThan(out.indexOf('// b'));
    expect(out.indexOf('/* c */')).toBeLessThan(out.indexOf('// d'));
    expect(out).toContain('x: [], /* c */ // d\n');
    sameTree(parseOk(src), parseOk(out));
    expect(fmt(out)).toBe(out);
  });
});
