// The hostile corpus's body categories (split from hostile-corpus.ts, issue 16 session 6): invalid
// UTF-8 and lone surrogates inside otherwise valid bodies, huge and deep JSON, a cohort flood, wrong
// content types.

import { wellFormed } from '../../server/prepared.js';
import type { Hostile, Verdict, World } from './hostile-types.js';
import { bearer, bodyRoutes, fill, fourXX, is4xx, json, jsonSend, keyOf, nameFor, refusedSource, validBody } from './hostile-build.js';

/** Invalid UTF-8 inside a string of an otherwise valid body: refused, not silently replaced. */
export const BAD_UTF8: [string, number[]][] = [
  ['a lone 0xFF', [0xff]],
  ['0xC3 0x28 (a broken two-byte sequence)', [0xc3, 0x28]],
  ['an overlong "/" (0xC0 0xAF)', [0xc0, 0xaf]],
  ['a UTF-16 surrogate as CESU-8 (0xED 0xA0 0x80)', [0xed, 0xa0, 0x80]],
  ['beyond U+10FFFF (0xF4 0x90 0x80 0x80)', [0xf4, 0x90, 0x80, 0x80]],
  ['a truncated three-byte sequence', [0xe5, 0x9e]],
];
export const MARK = 'UTF8MARK';

export function withBadBytes(body: Record<string, unknown>, bytes: number[]): Buffer {
  const marked = { ...body };
  if (typeof marked.source === 'string') marked.source = `${marked.source}// ${MARK}\n`;
  else if (typeof marked.id === 'string') marked.id = `${marked.id}${MARK}`;
  else if (typeof marked.role === 'string') marked.name = `n${MARK}`;
  else marked[`k${MARK}`] = 1;
  const text = Buffer.from(JSON.stringify(marked));
  const at = text.indexOf(MARK);
  return Buffer.concat([text.subarray(0, at), Buffer.from(bytes), text.subarray(at + MARK.length)]);
}

export function invalidUtf8(w: World): Hostile[] {
  const inBodies = bodyRoutes(w).flatMap((r) => BAD_UTF8.map(([name, bytes]): Hostile => ({
    category: 'invalid-utf8', route: keyOf(r), name: `${name} in a string of a valid body`,
    send: jsonSend(r, w, () => withBadBytes(validBody(r, w), bytes)), verdict: fourXX,
  })));
  const schemeRoute = w.routes.find((r) => r.template === '/api/schemes/{id}' && r.method === 'GET');
  const inPaths: Hostile[] = schemeRoute ? ['%FF', '%C0%AF', '%ED%A0%80'].map((p) => ({
    category: 'invalid-utf8', route: keyOf(schemeRoute), name: `${p} in the path`,
    send: { method: 'GET', path: `/api/schemes/${p}`, headers: bearer(w.tokens.all) }, verdict: fourXX,
  })) : [];
  return [...inBodies, ...inPaths];
}

export function loneSurrogates(w: World): Hostile[] {
  const out: Hostile[] = [];
  for (const r of bodyRoutes(w)) {
    const route = keyOf(r);
    if (r.body?.includes('source')) {
      for (const s of ['\\ud800', '\\udfff']) {
        // JSON text, since JSON.stringify would escape the lone surrogate the same way anyway.
        const name = nameFor(r, w);
        out.push({ category: 'lone-surrogates', route, name: `${s} in the scheme name`,
          send: jsonSend(r, w, () => `{"source":"scheme ${name}${s} { input { x: number } }"}`), verdict: refusedSource(route) });
      }
      if (r.body.includes('keywords')) {
        out.push({ category: 'lone-surrogates', route, name: 'keywords "\\ud800"',
          send: jsonSend(r, w, () => `{"source":"scheme P { }","keywords":"\\ud800"}`), verdict: fourXX });
      }
    } else if (r.template.endsWith('/evaluate')) {
      out.push({ category: 'lone-surrogates', route, name: 'an input key "\\udc00"',
        send: jsonSend(r, w, () => '{"id":"S1","input":{"\\udc00":1}}'), verdict: exactPathVerdict('\udc00') });
      out.push({ category: 'lone-surrogates', route, name: 'an input number field holding "\\ud800"',
        send: jsonSend(r, w, () => '{"id":"S1","input":{"x":"\\ud800"}}'), verdict: exactPathVerdict('x') });
    } else {
      out.push({ category: 'lone-surrogates', route, name: 'every string value "\\ud800"',
        send: jsonSend(r, w, () => JSON.stringify(Object.fromEntries((r.body ?? ['k']).map((k) => [k, '\ud800'])))), verdict: fourXX });
    }
  }
  return out;
}

/** A 4xx whose details name the input path (after U+FFFD replacement, if the name is one). */
export function exactPathVerdict(path: string): Verdict {
  return (a) => {
    if (!is4xx(a.status)) return `expected a 4xx, got ${a.status}`;
    const paths: unknown[] = (json(a)?.error?.details ?? []).map((d: { path?: unknown }) => d.path);
    const wanted = [path, wellFormed(path)];
    return paths.some((p) => typeof p === 'string' && wanted.some((x) => p === x || p.endsWith(`.${x}`))) ? undefined : `no detail names ${JSON.stringify(path)}`;
  };
}

export function hugeDeepJson(w: World): Hostile[] {
  const cases: [string, () => string][] = [
    ['100,000 nested arrays', () => '['.repeat(100_000) + ']'.repeat(100_000)],
    ['100,000 nested objects', () => '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['an array of 900,000 zeros (1.8 MB)', () => `[${'0,'.repeat(899_999)}0]`],
    ['an object with 150,000 keys', () => `{${Array.from({ length: 150_000 }, (_, i) => `"k${i}":0`).join(',')}}`],
    ['a 1.9 MB string of \\u escapes', () => `{"source":"${'\\u0040'.repeat(316_000)}"}`],
    ['a number of 1.9 M digits', () => `{"source":${'9'.repeat(1_900_000)}}`],
    ['every key a duplicate "source"', () => `{${'"source":"x",'.repeat(120_000)}"source":"y"}`],
  ];
  return bodyRoutes(w).flatMap((r) => cases.map(([name, body]): Hostile => ({
    category: 'huge-deep-json', route: keyOf(r), name, send: jsonSend(r, w, body),
    // Two bodies are valid JSON with a string source (316,000 "@"; the last of the duplicate keys,
    // "y"): a source route must refuse or diagnose them like any source that is no scheme.
    verdict: (name.startsWith('every key') || name.includes('escapes')) && r.body?.includes('source') ? refusedSource(keyOf(r)) : fourXX,
  })));
}

export function evaluateCohortFlood(w: World): Hostile[] {
  const r = w.routes.find((x) => x.template.endsWith('/evaluate'));
  if (!r) return [];
  return [
    { category: 'huge-deep-json', route: keyOf(r), name: 'a cohort of 60,000 invalid subjects',
      send: jsonSend(r, w, () => JSON.stringify({ subjects: Array.from({ length: 60_000 }, (_, i) => ({ id: `s${i}`, input: { n: 'x' } })) })),
      verdict: fourXX },
    { category: 'huge-deep-json', route: keyOf(r), name: 'an input list of 400,000 numbers for a number',
      send: jsonSend(r, w, () => JSON.stringify({ id: 'S1', input: { x: Array.from({ length: 400_000 }, () => 1) } })),
      verdict: fourXX },
  ];
}

export function wrongContentType(w: World): Hostile[] {
  const types: [string, string | undefined][] = [
    ['text/plain', 'text/plain'], ['no content type', undefined], ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'], ['xml', 'application/xml'], ['octet-stream', 'application/octet-stream'],
    ['JSON declared as UTF-16', 'application/json; charset=utf-16'],
  ];
  return bodyRoutes(w).flatMap((r) => types.map(([name, type]): Hostile => {
    const headers: Record<string, string> = { ...bearer(w.tokens.all) };
    if (type) headers['content-type'] = type;
    const utf16 = type?.includes('utf-16');
    return {
      category: 'wrong-content-type', route: keyOf(r), name: `a valid body as ${name}`,
      send: { method: r.method, path: fill(r.template, w), headers, body: () => (utf16 ? Buffer.from(JSON.stringify(validBody(r, w)), 'utf16le') : JSON.stringify(validBody(r, w))) },
      verdict: fourXX,
    };
  }));
}
