// The reader's locale (dsl/i18n/locale.ts) from a flag, the environment and Accept-Language, and
// how messages render in it (message.ts).

import { describe, expect, it } from 'vitest';
import { defineMessages, localeFromAcceptLanguage, localeFromEnv, parseLocale, placeholders, render } from '../../dsl/i18n/index.js';

describe('parseLocale', () => {
  it('reads zh and en in their usual spellings, and nothing else', () => {
    for (const z of ['zh', 'ZH', 'zh-CN', 'zh_CN.UTF-8', 'zh-Hans', ' zh ', '中文']) expect(parseLocale(z), z).toBe('zh');
    for (const e of ['en', 'EN', 'en-US', 'en_GB.UTF-8']) expect(parseLocale(e), e).toBe('en');
    for (const x of ['fr', 'de_DE.UTF-8', 'C', 'POSIX', '', null, undefined]) expect(parseLocale(x), String(x)).toBeUndefined();
  });
});

describe('localeFromEnv', () => {
  it('takes LC_ALL over LC_MESSAGES over LANG, as POSIX does', () => {
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' })).toBe('zh');
  });

  it('skips unset values; C and POSIX (also in LC_ALL, which wins) and anything else mean English', () => {
    expect(localeFromEnv({})).toBe('en');
    expect(localeFromEnv({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(localeFromEnv({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'POSIX' })).toBe('en');
    expect(localeFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('en');
  });
});

describe('localeFromAcceptLanguage', () => {
  it('picks the zh or en with the highest q', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.7')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.2, zh;q=0.3')).toBe('zh');
  });

  it('gives nothing for a header without zh or en, or a malformed one', () => {
    for (const h of [undefined, null, '', 'fr-FR,de', '*', 'zh;q=abc', 'en;q=0']) expect(localeFromAcceptLanguage(h), String(h)).toBeUndefined();
  });
});

describe('render', () => {
  const T = defineMessages('i18nTest', {
    en: {
      kind: 'indicator',
      named: '{kind} {name} has {n} problems',
      list: 'inputs {names} are never used',
      plural: (a) => (a.n === '1' ? 'one item' : `${a.n} items`),
    },
    zh: { kind: '指标', named: '{kind}“{name}”有 {n} 个问题', list: '输入 {names} 未被使用', plural: '{n} 项' },
  });

  it('fills placeholders, renders nested messages and lists in the same locale', () => {
    const m = T.named({ kind: T.kind(), name: '出勤', n: 3 });
    expect(render(m, 'en')).toBe('indicator 出勤 has 3 problems');
    expect(render(m, 'zh')).toBe('指标“出勤”有 3 个问题');
    expect(render(T.list({ names: ['甲', '乙'] }), 'en')).toBe('inputs 甲, 乙 are never used');
    expect(render(T.list({ names: ['甲', '乙'] }), 'zh')).toBe('输入 甲、乙 未被使用');
  });

  it('calls function templates for English plurals', () => {
    expect(render(T.plural({ n: 1 }), 'en')).toBe('one item');
    expect(render(T.plural({ n: 2 }), 'en')).toBe('2 items');
    expect(render(T.plural({ n: 2 }), 'zh')).toBe('2 项');
  });

  it('shows an unknown message as its id and arguments, never throwing', () => {
    expect(render({ id: 'nowhere.nothing' }, 'zh')).toBe('nowhere.nothing');
    expect(render({ id: 'nowhere.nothing', args: { a: 1 } }, 'en')).toBe('nowhere.nothing {"a":"1"}');
  });

  it('lists the placeholders of a string template', () => {
    expect(placeholders('{b} and {a} and {b}')).toEqual(['a', 'b']);
    expect(placeholders(() => 'x')).toEqual([]);
  });

  it('refuses a namespace defined twice with other words', () => {
    expect(() => defineMessages('i18nTest', { en: { kind: 'x' }, zh: { kind: '甲' } })).toThrow(/defined twice/);
  });
});
