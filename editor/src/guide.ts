// The user guide in the editor (issue 11 item 5): docs/指南.md in the Chinese UI, docs/guide.md in the
// English one, bundled with the page (Vite `?raw`: no request, no CDN) and rendered by markdown.ts.
// The guides link each other; following that link switches the text shown.

import guideEn from '../../docs/guide.md?raw';
import guideZh from '../../docs/指南.md?raw';
import { ask } from './dialog.js';
import { fill, h } from './dom.js';
import { lang, t, type Lang } from './i18n.js';
import { markdown } from './markdown.js';

const TEXT: Record<Lang, string> = { zh: guideZh, en: guideEn };
const FILE: Record<string, Lang> = { 'guide.md': 'en', '指南.md': 'zh' };

export function showGuide(): Promise<boolean> {
  const body = h('div', { class: 'guide' });
  const show = (l: Lang) => {
    body.lang = l === 'zh' ? 'zh-CN' : 'en';
    fill(body, markdown(TEXT[l], {
      onDoc: (path) => {
        const other = FILE[decodeURIComponent(path.split('/').pop()!)];
        return other ? () => { show(other); body.closest('.dialog-body')?.scrollTo(0, 0); } : undefined;
      },
    }));
  };
  show(lang);
  return ask({ name: 'guide', title: t('guide'), body: [body], cancel: t('close'), wide: true });
}
