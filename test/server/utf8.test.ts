// Request bodies that are not UTF-8 are refused (400 malformed_request naming the byte), never
// stored with U+FFFD in place of the bad bytes; valid UTF-8 (Chinese, astral characters) passes.

import { describe, expect, it } from 'vitest';
import { enc, PROVINCE_ID, singleCase, withPublishedProvince, type Fixture } from './helpers.js';

let f: Fixture;
withPublishedProvince((fixture) => (f = fixture));

async function send(method: string, path: string, bytes: Buffer, token = f.tokens.A.author) {
  const res = await f.app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: new Uint8Array(bytes) as unknown as BodyInit });
  return { status: res.status, body: await res.json() as { error?: { code: string; message: string; details: { offset: number }[] } } };
}
const bytesOf = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('bodies that are not UTF-8', () => {
  it('refuses a scheme source with a stray GBK byte pair (400, nothing created)', async () => {
    const body = bytesOf('{"source": "scheme 测', [0xb2, 0xe2], ' { }"}');
    const r = await send('POST', '/api/schemes', body);
    expect(r.status).toBe(400);
    expect(r.body.error!.code).toBe('malformed_request');
    expect(r.body.error!.details[0].offset).toBe(Buffer.byteLength('{"source": "scheme 测'));
    const list = await f.app.request('/api/schemes', { headers: { authorization: `Bearer ${f.tokens.A.author}` } });
    expect(((await list.json()) as { schemes: { id: string }[] }).schemes.map((s) => s.id)).toEqual([PROVINCE_ID]);
  });

  it('refuses invalid UTF-8 on check, draft and evaluate too', async () => {
    const bad = bytesOf('{"source": "x', [0xff], '"}');
    expect((await send('POST', '/api/check', bad)).status).toBe(400);
    expect((await send('PUT', `/api/schemes/${enc(PROVINCE_ID)}/draft`, bad)).status).toBe(400);
    const input = bytesOf('{"id": "a', [0xc3, 0x28], '", "input": {}}');
    const r = await send('POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, input, f.tokens.A.evaluator);
    expect(r.status).toBe(400);
    expect(r.body.error!.message).toMatch(/UTF-8/);
  });

  it('accepts valid UTF-8 with Chinese and astral characters', async () => {
    const c = singleCase();
    const ok = await send('POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, bytesOf(JSON.stringify({ ...c.subject, id: '张三𠀋' })), f.tokens.A.evaluator);
    expect(ok.status).toBe(201);
  });
});

describe('lone surrogates in subject ids', () => {
  it('refuses a subject id with a lone surrogate (400 naming the path), in a single subject and a cohort', async () => {
    const c = singleCase();
    const one = `{"id": "a\\ud800", "input": ${JSON.stringify(c.subject!.input)}}`;
    const r = await send('POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, Buffer.from(one), f.tokens.A.evaluator);
    expect(r.status).toBe(400);
    expect(r.body.error!.details).toEqual([expect.objectContaining({ path: 'id' })]);
    const cohort = `{"subjects": [${one}]}`;
    const r2 = await send('POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, Buffer.from(cohort), f.tokens.A.evaluator);
    expect(r2.status).toBe(400);
    expect(r2.body.error!.details).toEqual([expect.objectContaining({ path: 'subjects[0].id' })]);
  });

  it('refuses a control character in a subject id as the command line’s rosters do (engine/subject-id.ts, H5 F8)', async () => {
    const c = singleCase();
    for (const id of ['a\\u0000b', 'q\\u0001', 'tab\\t']) {
      const one = `{"id": "${id}", "input": ${JSON.stringify(c.subject!.input)}}`;
      const r = await send('POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, Buffer.from(one), f.tokens.A.evaluator);
      expect(r.status, id).toBe(400);
      expect(r.body.error!.details).toEqual([expect.objectContaining({ path: 'id' })]);
      const r2 = await send('POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, Buffer.from(`{"subjects": [${one}]}`), f.tokens.A.evaluator);
      expect(r2.status, id).toBe(400);
    }
  });
});
