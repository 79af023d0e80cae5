// The words of GET /api/schemes/:id/versions/:n/document (issue 15, the scheme in plain words): why a
// document cannot be made. The document's own words are report/scheme/messages.ts.

import { defineMessages } from '../../dsl/i18n/index.js';

export const DM = defineMessages('schemeDocRoute', {
  en: {
    noDraft: 'the scheme `{id}` has no draft',
    draftForAuthors: 'a draft’s document is for authors: version {n} of `{id}` is not published',
    hasErrors: 'version {n} of `{id}` has errors; a document is made only of a scheme that checks',
  },
  zh: {
    noDraft: '方案“{id}”没有草稿',
    draftForAuthors: '草稿的方案说明仅供编写人查看：方案“{id}”第 {n} 版尚未发布',
    hasErrors: '方案“{id}”第 {n} 版有错误；只有通过检查的方案才能生成方案说明',
  },
});
