// Shared steps of the rounds-core tests (issue 14): publish a reference scheme, make a round, set its
// roster, submit parts, evaluate, 公示 and finalize — all through the HTTP API of a real SQLite file.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, enc, type Fixture, type Res } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');
export const QUARTERLY = () => readFileSync(join(ROOT, 'schemes/quarterly-review.kaohe'), 'utf8');
export const ANNUAL = () => readFileSync(join(ROOT, 'schemes/annual-review.kaohe'), 'utf8');

export async function publish(f: Fixture, source: string, org: 'A' | 'B' = 'A'): Promise<string> {
  const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens[org].author, body: { source } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const pub = await call(f.app, 'POST', `/api/schemes/${enc(id)}/publish`, { token: f.tokens[org].author });
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${pub.text}`);
  return id;
}

/** Today in China (UTC+8): 公示 days are China's (server/rounds/handlers.ts). */
export const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The 公示 of `round` ended yesterday (China time): finalize is allowed only after its `until` day. */
export function endPublicity(f: Fixture, round: string): void {
  const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  f.db.$client.prepare("UPDATE rounds SET publicity_until = ? WHERE id = ? AND status = 'publicity'").run(yesterday, round);
}

export function client(f: Fixture, org: 'A' | 'B' = 'A') {
  const t = f.tokens[org];
  const ok = (r: Res, status: number, what: string) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r;
  };
  return {
    create: (body: unknown, token = t.author) => call(f.app, 'POST', '/api/rounds', { token, body }),
    get: (id: string, token = t.evaluator) => call(f.app, 'GET', `/api/rounds/${id}`, { token }),
    roster: (id: string, members: unknown[], token = t.author) => call(f.app, 'PUT', `/api/rounds/${id}/roster`, { token, body: { members } }),
    inputs: (id: string, body: unknown, opts: { token?: string; key?: string } = {}) =>
      call(f.app, 'POST', `/api/rounds/${id}/inputs`, { token: opts.token ?? t.evaluator, body, headers: opts.key ? { 'idempotency-key': opts.key } : {} }),
    evaluate: (id: string, token = t.author) => call(f.app, 'POST', `/api/rounds/${id}/evaluate`, { token }),
    publicize: (id: string, until = today(), token = t.author) => call(f.app, 'POST', `/api/rounds/${id}/publicize`, { token, body: { until } }),
    finalize: (id: string, token = t.author) => call(f.app, 'POST', `/api/rounds/${id}/finalize`, { token }),
    /** A round through final with the given inputs per person (unit from the roster). */
    async finalRound(scheme: string, period: string, people: { id: string; unit: string; input: Record<string, unknown> }[], final = true): Promise<string> {
      const round = ok(await this.create({ scheme, period }), 201, 'create').body.id as string;
      ok(await this.roster(round, people.map((p) => ({ id: p.id, unit: p.unit, status: 'take' }))), 200, 'roster');
      ok(await this.inputs(round, { subjects: people.map((p) => ({ id: p.id, input: p.input })) }), 201, 'inputs');
      ok(await this.evaluate(round), 200, 'evaluate');
      if (!final) return round;
      ok(await this.publicize(round), 200, 'publicize');
      endPublicity(f, round);
      ok(await this.finalize(round), 200, 'finalize');
      return round;
    },
  };
}
