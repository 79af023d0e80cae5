// Generates large, valid schemes for benchmarks: N indicators in groups, with role-specific
// `when` blocks over two enums (岗位 × 职级类别), weights that sum to 100% for every combination.

export function generateScheme(indicators: number): string {
  const posts = ['综合管理', '行政执法', '窗口服务', '技术保障'];
  const ranks = ['科员', '主任科员', '调研员'];
  const lines: string[] = [
    `scheme 生成方案${indicators} "生成的大型方案" {`,
    '  version "bench"', '  precision 2',
    `  enum 岗位 { ${posts.join(', ')} }`,
    `  enum 职级类别 ordered { ${ranks.join(', ')} }`,
    '  input {', '    岗位: 岗位', '    职级类别: 职级类别', '    基础值: number in [0, 100]', '    完成率: number in [0, 1.5]', '  }',
  ];
  // Each group has 10 common indicators (50%) and, per post, a when-block (50%) with per-rank blocks.
  const perGroup = 10 + posts.length * (2 + ranks.length * 2);
  const groups = Math.max(1, Math.round(indicators / perGroup));
  const weights = splitPercent(groups);
  let n = 0;
  for (let g = 0; g < groups; g++) {
    lines.push(`  group 类别${g} weight ${weights[g]}% {`);
    for (let i = 0; i < 10; i++) lines.push(`    indicator 共性${g}_${i} weight 5% = min(基础值 + ${i}, 100)`), n++;
    for (const p of posts) {
      lines.push(`    when 岗位 == ${p} {`);
      lines.push(`      indicator 岗位${g}_${p}_a weight 20% = bands 完成率 { >= 100%: 100, >= 90%: 85, else: 60 }`);
      lines.push(`      indicator 岗位${g}_${p}_b weight 15% = linear 基础值 { 0 => 40, 100 => 100 }`);
      n += 2;
      for (const r of ranks) {
        lines.push(`      when 职级类别 == ${r} {`);
        lines.push(`        indicator 职级${g}_${p}_${r}_a weight 10% = 基础值 * 0.9 + 10`);
        lines.push(`        indicator 职级${g}_${p}_${r}_b weight 5% = if 完成率 >= 1 then 100 else 完成率 * 100`);
        lines.push('      }');
        n += 2;
      }
      lines.push('    }');
    }
    lines.push('  }');
  }
  lines.push('  grades {', '    优秀 when score >= 90 quota 20%', '    称职 when score >= 70', '    基本称职 when score >= 60', '    不称职 otherwise', '  }', '}');
  void n;
  return lines.join('\n') + '\n';
}

/** n integer percentages summing to 100 (as exact as integers allow: the remainder goes to the first). */
function splitPercent(n: number): string[] {
  // Use two decimals so any n up to 10000 sums exactly to 100.
  const base = Math.floor(10000 / n);
  const out = Array.from({ length: n }, () => base);
  out[0] += 10000 - base * n;
  return out.map((v) => (v / 100).toFixed(2).replace(/\.?0+$/, ''));
}

/** How many indicators `generateScheme(n)` really declares (it rounds to whole groups). */
export function countIndicators(source: string): number {
  return (source.match(/\bindicator\b/g) ?? []).length;
}
