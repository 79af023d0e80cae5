// Generates large schemes for the checker's speed test: `groups` groups, each with common
// indicators and role blocks `when 岗位 == … and 序列 == …` over two enums.

export function bigScheme(indicators: number): string {
  const roles = ['综合管理', '行政执法', '窗口服务', '专业技术', '后勤保障'];
  const tracks = ['综合类', '执法类', '专技类', '辅助类'];
  const lines = ['scheme 大方案 {', `  enum 岗位 { ${roles.join(', ')} }`, `  enum 序列 { ${tracks.join(', ')} }`,
    '  input { 岗位: 岗位, 序列: 序列, 领导职务: bool = false, 分数: number in [0, 100] }'];
  const perGroup = 2 + roles.length * tracks.length * 2; // 2 common + 2 per role/track combination
  const groups = Math.max(1, Math.round(indicators / perGroup));
  // 100% over the groups: equal shares with the remainder on the first.
  const base = Math.floor(100 / groups * 1000) / 1000;
  for (let g = 0; g < groups; g++) {
    const w = g === 0 ? (100 - base * (groups - 1)).toFixed(3) : base.toFixed(3);
    lines.push(`  group 类${g} weight ${w}% {`);
    lines.push(`    indicator 共${g}_1 weight 30% = 分数`, `    indicator 共${g}_2 weight 20% = 100 - 分数 / 2`);
    roles.forEach((r, i) => tracks.forEach((t, j) => {
      lines.push(`    when 岗位 == ${r} and 序列 == ${t} {`,
        `      indicator 个${g}_${i}_${j}_1 weight 25% = bands 分数 { >= 90: 100, >= 60: 80, else: 50 }`,
        `      indicator 个${g}_${i}_${j}_2 weight 25% = 分数`, '    }');
    }));
    lines.push('  }');
  }
  lines.push('}');
  return lines.join('\n');
}
