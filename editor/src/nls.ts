// Monaco's own words (context menu, find widget, hovers, the quick-fix menu) in the UI language.
// Monaco's ESM build looks its words up by number in globalThis._VSCODE_NLS_MESSAGES, many of them
// once, when its modules load: the table must be in place before the first Monaco module runs, so
// main.ts imports this module first, and switching the language reloads the page. The Chinese table
// (monaco-editor/esm/vs/nls/lang/zh-cn.js, ~180 KB) is bundled, not fetched: the editor runs on a
// closed network. English is Monaco's built-in text, so for English the table is removed again.

import 'monaco-editor/nls/lang/zh-cn';
import { lang } from './i18n.js';

const g = globalThis as { _VSCODE_NLS_MESSAGES?: unknown; _VSCODE_NLS_LANGUAGE?: unknown };
if (lang !== 'zh') {
  delete g._VSCODE_NLS_MESSAGES;
  delete g._VSCODE_NLS_LANGUAGE;
}
