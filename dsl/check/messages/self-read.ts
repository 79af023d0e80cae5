// The checker's message for a scheme reading its own results through `results of` (issue 14 part 2,
// KH-C171). A catalog of its own (`checkSelfRead`). `{name}` is the input, `{scheme}` the scheme's
// name as written after `results of`; `{past}` the `past` keyword in the reader's locale.

import { defineMessages } from '../../i18n/index.js';

export const SR = defineMessages('checkSelfRead', {
  en: {
    selfRead: 'input {name} reads the results of {scheme}, which is this scheme itself: results of one round that read each other never settle (every correction makes the round out of date again); read another scheme, or use `{past} N …` for this scheme\'s own earlier periods',
  },
  zh: {
    selfRead: '输入项“{name}”引用的“{scheme}”就是本方案：同一批次的结果相互引用，永远无法确定（每次更正都会使本批次再次过时）；请引用其他方案，或用“{past} N …”读取本方案以前各期的结果',
  },
});
