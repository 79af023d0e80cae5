// server/log.ts requestLine: the request's line jsonLog writes, built by hand on the hot path, is the
// text JSON.stringify makes of the record any other Log receives (logRequest).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRequest, requestLine } from '../../server/log.js';

const asJsonLog = (time: string, record: Record<string, unknown>) => JSON.stringify({ time, level: 'info', ...record }) + '\n';

describe('requestLine', () => {
  it('is jsonLog’s text of logRequest’s record, for any strings, status and duration', () => {
    const facts = fc.record({
      requestId: fc.string({ unit: 'binary' }), method: fc.constantFrom('POST', 'GET'), path: fc.string({ unit: 'binary' }),
      status: fc.integer({ min: 100, max: 599 }), caller: fc.option(fc.string({ unit: 'binary' })),
      ms: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1.5, 1234.56, 1e21, 5e-7)),
    });
    fc.assert(fc.property(facts, ({ caller, ms, ...f }) => {
      const r = { ...f, start: 0, ...(caller !== null && { principal: { publicId: caller } }) };
      const records: Record<string, unknown>[] = [];
      logRequest((x) => void records.push(x), r); // the record any other Log receives
      const time = new Date().toISOString();
      expect(requestLine(r, ms, time)).toBe(asJsonLog(time, { ...records[0], ms }));
    }), { numRuns: 2000 });
  });

  it('names the caller only when there is one, as the record does', () => {
    const time = '2026-12-06T00:00:00.000Z';
    const r = { requestId: 'a"b', method: 'POST', path: '/api/schemes/省直年度考核/evaluate', status: 201, start: 0 };
    expect(requestLine(r, 1.25, time)).toBe(`{"time":"${time}","level":"info","msg":"request","requestId":"a\\"b","method":"POST","path":"/api/schemes/省直年度考核/evaluate","status":201,"ms":1.25}\n`);
    expect(requestLine({ ...r, principal: { publicId: 'tok_1' } }, 0, time)).toContain(',"ms":0,"caller":"tok_1"}\n');
  });
});
