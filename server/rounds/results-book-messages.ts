// The words of a round's results workbook (results-book.ts): the columns it adds to the CLI's results
// sheet and the file's name. A catalog of its own (namespace `roundsBook`).

import { defineMessages } from '../../dsl/i18n/index.js';

export const B = defineMessages('roundsBook', {
  en: {
    serialHeader: 'No.',
    unitHeader: 'unit',
    fileName: '{round} results',
  },
  zh: {
    serialHeader: '序号',
    unitHeader: '单位',
    fileName: '{round}考核结果',
  },
});
