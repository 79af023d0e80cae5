// The words of source-grades.ts (issue 14 part 2): a `grades ENUM` input whose enum lacks a grade of
// the source scheme. A catalog of its own (namespace `roundsSourceGrades`), rendered at the edge.

import { defineMessages } from '../../dsl/i18n/index.js';

export const GR = defineMessages('roundsSourceGrades', {
  en: {
    sourceGradesMissing: 'input `{field}` reads the grades of scheme `{scheme}` as members of enum `{enum}`, but version {n} of `{scheme}` grades {grades}, which `{enum}` lacks; add them to `{enum}` and publish a new version of this scheme',
    quoted: '`{x}`',
  },
  zh: {
    sourceGradesMissing: '输入“{field}”按枚举“{enum}”读取方案“{scheme}”的等次，但“{scheme}”第{n}版的等次{grades}不在枚举“{enum}”中；请在枚举“{enum}”中补上这些等次，再发布本方案的新版本',
    quoted: '“{x}”',
  },
});
