// Bytes Node refuses to parse as a request are answered in the request's language when they name
// one (server/node-server.ts `rawLocale`): a URL with raw Chinese characters (HPE_INVALID_URL) with
// Accept-Language zh is answered in Chinese, with `?lang=en` in English; naming none, in both,
// Chinese first (`Content-Language: zh, en`). Before, all of these were English.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { M } from '../../server/messages.js';
import { rawLocale } from '../../server/node-server.js';
import { parserRefusals } from './socket-server.js';

const { raw } = parserRefusals();

// S10b: the answer says to percent-encode the URL (no longer "not valid HTTP/1.1").
const NOT_HTTP = M.urlNotEncoded();

describe('a URL with raw Chinese characters (HPE_INVALID_URL)', () => {
  it('is answered in Chinese when Accept-Language says zh', async () => {
    const r = await raw('GET /api/schemes/年度考核 HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN,zh;q=0.9,en;q=0.8\r\n\r\n');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('malformed_request');
    expect(r.language).toBe('zh');
    expect(r.body.error.message).toBe(render(NOT_HTTP, 'zh'));
  });

  it('in English when ?lang=en says so, whatever the header', async () => {
    const r = await raw('GET /api/schemes/年度考核?lang=en HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n\r\n');
    expect([r.status, r.body.error.code, r.language, r.body.error.message]).toEqual([400, 'malformed_request', 'en', render(NOT_HTTP, 'en')]);
  });

  it('in both, Chinese first, when nothing names a language', async () => {
    const r = await raw('GET /api/schemes/年度考核 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(r.status).toBe(400);
    expect(r.language).toBe('zh, en');
    expect(r.body.error.message).toBe(`${render(NOT_HTTP, 'zh')} / ${render(NOT_HTTP, 'en')}`);
  });
});

describe('rawLocale', () => {
  it('reads ?lang= in the request line before Accept-Language, and nothing past the head', () => {
    expect(rawLocale(Buffer.from('GET /a?lang=zh HTTP/1.1\r\nAccept-Language: en\r\n\r\n'))).toBe('zh');
    expect(rawLocale(Buffer.from('GET /a HTTP/1.1\r\naccept-language:en-US,en;q=0.9\r\n\r\n'))).toBe('en');
    expect(rawLocale(Buffer.from('GET /a HTTP/1.1\r\nHost: x\r\n\r\nAccept-Language: zh\r\n'))).toBeUndefined();
    expect(rawLocale(undefined)).toBeUndefined();
  });
});
