// The few words the statistics name themselves (issue 15): the label of the total score's row.
// Units, indicators, items, actions and grades are named as the scheme names them.

import { defineMessages } from '../dsl/i18n/index.js';

export const S = defineMessages('analytics', {
  en: { score: 'Total score' },
  zh: { score: '总分' },
});
