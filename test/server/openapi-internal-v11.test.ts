// The OpenAPI document speaks to integrators, not to the project (black-box trial V11, LOW): the
// Roster description said "400 at `members`, U9 trial", result fields "(issue 14)". No description,
// summary or title names a trial, a session, an issue or a finding id (U9, S10, H6, C10b…); "a trial
// run" (试算, voiding a round) is the domain's word and stays.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, removeTempDirs, setup, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => { f = await setup(); });
afterAll(() => { f.close(); removeTempDirs(); });

/** Every description, summary and title of the document. */
function texts(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) for (const v of x) texts(v, out);
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if ((k === 'description' || k === 'summary' || k === 'title') && typeof v === 'string') out.push(v);
      else texts(v, out);
    }
  }
  return out;
}

const INTERNAL = /(?<![\w-])(issue|session|trial|finding)s? [A-Z]?\d+|(?<![\w-])[UVSCHKF]\d{1,2}[a-z]?(?![\w-])|\b(trial|hostile|audit finding)\b(?! run)/;

describe('OpenAPI texts', () => {
  it('name no internal trial, session, issue or finding', async () => {
    const all = texts((await call(f.app, 'GET', '/api/openapi.json')).body);
    expect(all.length).toBeGreaterThan(500);
    expect(all.filter((t) => INTERNAL.test(t))).toEqual([]);
    // the pattern catches what was there
    expect(['400 at `members`, U9 trial', 'with `exactValues` (issue 14)', 'hostile H6 F5'].every((t) => INTERNAL.test(t))).toBe(true);
    expect(['a trial run, or one to be replaced', 'KH-C010', 'a browser session', 'UTC+8'].some((t) => INTERNAL.test(t))).toBe(false);
  });
});
