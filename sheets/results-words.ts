// The words the results sheet adds for points and attached items (issue 12 fixes): the headers of an
// indicator's points, subtotal and attached items, and how an item's amount reads in a cell
// (`受到通报批评 扣 10`). Kept apart from messages.ts, which another area edits; same rules.

import { defineMessages } from '../dsl/i18n/index.js';

export const W = defineMessages('sheets-results', {
  en: {
    pointsHeader: '{name} (points)',
    subtotalHeader: '{name} (subtotal)',
    attachedHeader: '{name} (items)',
    rewardItemsHeader: 'reward items',
    deducts: '{item} −{amount}',
    adds: '{item} +{amount}',
    askedCut: '{text} (of {asked}, the list’s max)',
    forIndicator: '{text} (into “{name}”)',
  },
  zh: {
    pointsHeader: '{name}（折合分）',
    subtotalHeader: '{name}（小计）',
    attachedHeader: '{name}（计入的加扣分）',
    rewardItemsHeader: '加分事项',
    deducts: '{item} 扣 {amount}',
    adds: '{item} 加 {amount}',
    askedCut: '{text}（应计 {asked}，受清单上限所限）',
    forIndicator: '{text}（计入“{name}”）',
  },
});
