// The renderer's own words: the line above the sheet on screen that says how to print it or save it
// as PDF (the page carries no script — the server's policy for papers forbids it — so the browser's
// own print command does the work). Hidden in print.

import { defineMessages } from '../../dsl/i18n/index.js';

export const M = defineMessages('reportRender', {
  en: {
    printHint: 'To print, or to save as PDF, use the browser’s Print command (Ctrl+P, on a Mac ⌘P) and choose a printer or “Save as PDF”; paper A4, margins default. This line is not printed.',
  },
  zh: {
    printHint: '打印或保存为 PDF：请使用浏览器的打印功能（按“Ctrl+P”键，苹果电脑按“⌘P”），选择打印机或“另存为 PDF”，纸张选 A4，边距用默认值。本行不会打印出来。',
  },
});
