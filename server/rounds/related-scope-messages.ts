// The words of related-scope.ts (issue 14 part 2, hostile audit H3): a unit officer naming, in the
// field a `results of SCHEME for FIELD` input reads its subject from, someone outside their units.
// A catalog of its own (namespace `roundsRelatedScope`), rendered at the edge.

import { defineMessages } from '../../dsl/i18n/index.js';

export const RSC = defineMessages('roundsRelatedScope', {
  en: {
    relatedNotYours: 'input `{field}` of `{subject}` names `{related}`, whose result of scheme `{scheme}` input `{input}` reads, but `{related}` is no member of your units ({units}) in {period}: you may name only subjects of your units; an account covering every unit may name others',
  },
  zh: {
    relatedNotYours: '“{subject}”的输入项“{field}”填写了“{related}”，输入项“{input}”将据此读取其在方案“{scheme}”中的结果，但在{period}的考核批次名册中，“{related}”没有登记为您负责的单位（{units}）的对象：只能填写名册中本单位的对象（请在该对象的批次名册中填写所属单位），其他对象须由可处理全部单位的账号填写',
  },
});
