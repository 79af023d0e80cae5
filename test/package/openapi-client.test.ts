// A client generated from the server's OpenAPI document (GET /api/openapi.json) with
// openapi-typescript sees every field of a result (issue 16, deliver 2): the evaluate response, a
// cohort's members and a stored evaluation's result carry the result schemas of
// engine/result-schema.ts — score, grade, indicators… — with real types (an explanation's values
// too: OpenAPI 3.0 has no null type, and the null of TraceValue used to make clients read `unknown`).
// The generated types (api.ts) and a consumer are type-checked with tsc; a consumer reading a field the
// result does not have is refused. Both consumers (client.ts, client-wrong.ts) are files of the package
// tests' one tsc program (typecheck.ts, which also fetches the document); each test reads its files'
// diagnostics.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT, errorsIn, typecheck, unexpected, WRONG_CLIENT } from './typecheck.js';

describe('a client generated from /api/openapi.json', () => {
  it('has the result schema with its fields', async () => {
    const api = readFileSync(join((await typecheck()).dir, 'api.ts'), 'utf8');
    const subject = /\n {8}SubjectResult: \{([\s\S]*?)\n {8}\};/.exec(api)?.[1] ?? '';
    for (const field of ['score: number;', 'grade: string | null;', 'indicators: components["schemas"]["IndicatorResult"][];', 'groups:', 'gradeReasons: string[];']) {
      expect(subject, field).toContain(field);
    }
    expect(api).toContain('TraceValue: (number | string | boolean | ((number | string | boolean | unknown[]) | null)[]) | null;');
  }, 600_000);

  it('type-checks a client reading score, grade and indicators of the evaluate and stored-evaluation responses', async () => {
    const r = await typecheck();
    expect(r.stderr).toBe('');
    // Nothing but the refusals of the files written to fail (client-wrong.ts: tested below): client.ts and api.ts type-check.
    expect(unexpected(r)).toEqual([]);
  }, 600_000);

  it('refuses a client reading a field the result does not have, or taking a value for something else', async () => {
    expect(WRONG_CLIENT).not.toBe(CLIENT);
    const r = await typecheck();
    expect(r.status).not.toBe(0);
    const wrong = errorsIn(r, (p) => p === 'client-wrong.ts').join('\n');
    expect(wrong).toMatch(/client-wrong\.ts\(\d+,\d+\): error TS2551: Property 'scor' does not exist on type '.*'\. Did you mean 'score'\?/);
    expect(wrong).toMatch(/client-wrong\.ts\(\d+,\d+\): error TS2322: Type .* is not assignable to type '\{ no: true; \}'/);
  }, 600_000);
});
