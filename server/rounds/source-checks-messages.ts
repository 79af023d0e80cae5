// The words of source-checks.ts (issue 14 part 2): a round refused at creation because a source
// scheme can never give it a result (its period kind) or reads this scheme back (a cycle). A catalog
// of its own (namespace `roundsSourceChecks`), rendered at the edge.

import { defineMessages } from '../../dsl/i18n/index.js';

export const SC = defineMessages('roundsSourceChecks', {
  en: {
    relatedKind: 'input `{field}` reads the result of scheme `{scheme}` in this round\'s own period, but version {n} of `{scheme}` is {kind} and this scheme is {own}: it can never have a result of period {period}; read a scheme of the same period kind',
    rollupKind: 'input `{field}` reads the {unit} results of scheme `{scheme}`, but version {n} of `{scheme}` is {kind}: it has no {unit} results; write its own period kind as the unit, or read another scheme',
    cycle: 'input `{field}` reads scheme `{scheme}`, which reads this scheme back ({path}): results that read each other never settle — each correction makes the other out of date; remove one of the reads',
    annual: 'annual', quarterly: 'quarterly', monthly: 'monthly', special: 'special',
  },
  zh: {
    relatedKind: '输入项“{field}”读取方案“{scheme}”本考核期的结果，但“{scheme}”第{n}版是{kind}考核，本方案是{own}考核：它永远不会有考核期“{period}”的结果；请引用考核周期相同的方案',
    rollupKind: '输入项“{field}”读取方案“{scheme}”的{unit}结果，但“{scheme}”第{n}版是{kind}考核，没有{unit}结果；请写明该方案自己的考核周期，或引用其他方案',
    cycle: '输入项“{field}”读取方案“{scheme}”的结果，而“{scheme}”又读取本方案的结果（{path}）：相互引用的结果永远无法确定，一方更正就使另一方过时；请去掉其中一处引用',
    annual: '年度', quarterly: '季度', monthly: '月度', special: '专项',
  },
});
