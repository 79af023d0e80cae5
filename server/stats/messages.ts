// The words of GET /api/statistics (issue 15): refusals of a query (which period form is expected,
// a span too long, no final round in it, a unit not the caller's), the words of the .xlsx export
// (sheet names and headings; zh first — the workbook is for 组织部门) and the log line of a
// backfill. A catalog of its own (namespace `stats`), rendered at the edge in the reader's locale.

import { defineMessages } from '../../dsl/i18n/index.js';

export const S = defineMessages('stats', {
  en: {
    oneSelector: 'give exactly one of `period`, `from` and `to` together, or `round`',
    fromWithoutTo: '`from` and `to` go together: give both, or `period` for a single period',
    schemeRequired: '`scheme` is required with `period` or `from`/`to`',
    periodForm: '`{period}` is not a period of scheme `{scheme}`: expected the form `{form}`',
    spanReversed: 'the span ends (`{to}`) before it starts (`{from}`)',
    spanTooLong: 'the span `{from}`..`{to}` covers {count} periods; at most {max} at once',
    noRounds: 'scheme `{scheme}` has no final round in {span}',
    roundOfOtherScheme: 'round `{round}` is a round of scheme `{other}`, not `{scheme}`',
    roundNotEvaluated: 'round `{id}` has not been evaluated yet: there is nothing to count',
    unitNotYours: 'unit `{unit}` is not one of your account\'s units ({units})',
    unknownUnit: 'nobody in unit `{unit}` is in the statistics of scheme `{scheme}` for {span}',
    nobodyOfYours: 'nobody of your account\'s units ({units}) is in the statistics of scheme `{scheme}` for {span}',
    spanWords: '`{from}`..`{to}`',
    spanOne: '`{period}`',
  },
  zh: {
    oneSelector: '“period”、“from”与“to”（同时给出）、“round”三者只能给出其一',
    fromWithoutTo: '“from”与“to”须同时给出；只统计一个考核期时请用“period”',
    schemeRequired: '按“period”或“from”“to”统计时须给出“scheme”',
    periodForm: '“{period}”不是方案“{scheme}”的考核期，应为“{form}”的形式',
    spanReversed: '统计区间的终点（“{to}”）早于起点（“{from}”）',
    spanTooLong: '统计区间“{from}”至“{to}”共{count}个考核期，一次最多{max}个',
    noRounds: '方案“{scheme}”在{span}没有已确定的考核批次',
    roundOfOtherScheme: '考核批次“{round}”属于方案“{other}”，不属于“{scheme}”',
    roundNotEvaluated: '考核批次“{id}”尚未评定，没有可统计的结果',
    unitNotYours: '单位“{unit}”不在您的账户可处理的单位（{units}）之内',
    unknownUnit: '方案“{scheme}”在{span}的统计中没有单位“{unit}”的人员',
    nobodyOfYours: '方案“{scheme}”在{span}的统计中没有您的账户所辖单位（{units}）的人员',
    spanWords: '“{from}”至“{to}”',
    spanOne: '“{period}”',
  },
});

/** The workbook's sheet names and headings (zh first: the workbook is for 组织部门; `?lang=en` gives en). */
export const SX = defineMessages('statsSheets', {
  en: {
    sheetDistribution: 'Distribution', sheetQuotas: 'Quotas', sheetScore: 'Total score', sheetIndicators: 'Indicators',
    sheetGroups: 'Groups', sheetItems: 'Negative list and rewards', sheetActions: 'Actions', sheetChange: 'Change by unit',
    sheetMoves: 'Grade moves', sheetTrend: 'Trend',
    period: 'Period', unit: 'Unit', all: 'All', size: 'People', gradeCount: '{grade} (people)', gradeShare: '{grade} (%)',
    noneCount: 'No grade (people)', noneShare: 'No grade (%)', grade: 'Grade', scope: 'Quota scope', scopeCohort: 'per cohort',
    scopeOverall: 'overall', limit: 'Limit', base: 'Base', admitted: 'Admitted', normal: 'Normal share', cohorts: 'Cohorts',
    indicator: 'Indicator', group: 'Group', n: 'n', mean: 'Mean', meanExact: 'Mean (exact)', min: 'Min', q1: 'Q1', median: 'Median',
    q3: 'Q3', max: 'Max', belowCount: 'Below the improve line (people)', belowShare: 'Below the improve line (%)',
    kind: 'Kind', negative: 'negative list', reward: 'reward', list: 'List', item: 'Item', fired: 'People', share: 'Share (%)',
    action: 'Action', people: 'People', previous: 'Compared with', topGrade: 'Top grade', before: 'Before (%)', after: 'After (%)',
    delta: 'Change (points)', subject: 'Subject', name: 'Name', gradeBefore: 'Grade before', gradeAfter: 'Grade after',
    direction: 'Direction', up: 'up', down: 'down', topShare: 'Top grade share (%)',
    moreMoves: '{shown} of {total} people listed; the next page: cursor {next}',
  },
  zh: {
    sheetDistribution: '等次分布', sheetQuotas: '名额', sheetScore: '总分', sheetIndicators: '指标',
    sheetGroups: '指标组', sheetItems: '负面清单与加分', sheetActions: '处理措施', sheetChange: '各单位等次变化',
    sheetMoves: '等次升降人员', sheetTrend: '趋势',
    period: '考核期', unit: '单位', all: '全部', size: '人数', gradeCount: '{grade}人数', gradeShare: '{grade}占比（%）',
    noneCount: '未定等次人数', noneShare: '未定等次占比（%）', grade: '等次', scope: '名额范围', scopeCohort: '按分组',
    scopeOverall: '全体', limit: '名额上限', base: '基数', admitted: '确定人数', normal: '正常比例人数', cohorts: '分组数',
    indicator: '指标', group: '指标组', n: '人数', mean: '平均分', meanExact: '平均分（精确值）', min: '最低分', q1: '下四分位数',
    median: '中位数', q3: '上四分位数', max: '最高分', belowCount: '低于改进线人数', belowShare: '低于改进线占比（%）',
    kind: '类别', negative: '负面清单', reward: '加分', list: '清单', item: '事项', fired: '人数', share: '占比（%）',
    action: '处理措施', people: '人数', previous: '对比考核期', topGrade: '最高等次', before: '对比期占比（%）', after: '本期占比（%）',
    delta: '变化（百分点）', subject: '编号', name: '姓名', gradeBefore: '原等次', gradeAfter: '现等次',
    direction: '变化', up: '上升', down: '下降', topShare: '最高等次占比（%）',
    moreMoves: '共{total}人，本表列出{shown}人；下一页的游标为{next}',
  },
});
