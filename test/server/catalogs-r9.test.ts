// The words of the catalogs added in issue 16 session 9 outside the `server` namespace (which
// i18n.test.ts checks): unknown query parameters (query-params.ts) and the input-schema route's — in
// both languages with the same placeholders; the Chinese without English words outside “…” and
// without half-width punctuation beside Chinese; the English without Chinese.

import { describe, expect, it } from 'vitest';
import { placeholders, registeredCatalogs, render } from '../../dsl/i18n/index.js';
import '../../server/query-params.js';
import '../../server/schemes/input-schema.js';

const HAN = /\p{Script=Han}/u;
const englishWords = (zh: string): string[] => zh.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}/g) ?? [];

describe.each(['serverQuery', 'schemeInputSchemaRoute'])('the %s catalog', (ns) => {
  it('says every message in zh and en, with the same placeholders, each language in its own words', () => {
    const catalog = registeredCatalogs().get(ns)!;
    expect(Object.keys(catalog.zh).sort()).toEqual(Object.keys(catalog.en).sort());
    for (const key of Object.keys(catalog.en)) {
      const names = placeholders(catalog.en[key]);
      expect(placeholders(catalog.zh[key]).sort(), key).toEqual([...names].sort());
      const args = Object.fromEntries(names.map((p) => [p, `‹${p}›`]));
      const zh = render({ id: `${ns}.${key}`, args }, 'zh').replace(/‹\w+›/g, '');
      expect(englishWords(zh), `${key}: ${zh}`).toEqual([]);
      expect(zh, key).not.toMatch(/[\p{Script=Han}][,;:?!()]|[,;:?!(][\p{Script=Han}]/u);
      expect(render({ id: `${ns}.${key}`, args }, 'en'), key).not.toMatch(HAN);
    }
  });
});
