// The words of a round roster that carries scheme inputs (user trial U6 H-1): which of its columns
// were taken as inputs. A catalog of its own (namespace `roundsRoster`) beside roster-parts.ts.

import { defineMessages } from '../../dsl/i18n/index.js';

export const RO = defineMessages('roundsRoster', {
  en: {
    takenAsInputs: 'the roster columns {fields} are inputs of the scheme: they were taken as inputs (for {n} people); a later inputs upload of the same field replaces them',
    unchangedKept: 'the roster columns {fields} are inputs of the scheme: their values are as the previous roster gave them, so the inputs submitted since stay',
  },
  zh: {
    takenAsInputs: '名册中的列{fields}是方案的输入项，已作为输入数据读取（{n}人）；此后上传的输入数据中同一项将替换它',
    unchangedKept: '名册中的列{fields}是方案的输入项，其值与上一次名册相同，此后提交的输入数据保持不变',
  },
});
