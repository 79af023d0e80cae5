// The hostile corpus's HTTP categories (split from hostile-corpus.ts, issue 16 session 6): wrong
// methods on every path the server answers, huge headers, path traversal, malformed HTTP as raw bytes.

import { gzipSync } from 'node:zlib';
import type { Hostile, World } from './hostile-types.js';
import { JSON_TYPE, bearer, fill, fourXX, json, noLeak, oneOf } from './hostile-build.js';

/** Every path the server answers, with the methods routed there (static files: GET only). */
export function allPaths(w: World): { path: string; route: string; methods: string[]; api: boolean }[] {
  const byTemplate = new Map<string, string[]>();
  for (const r of w.routes) byTemplate.set(r.template, [...(byTemplate.get(r.template) ?? []), r.method]);
  return [
    ...[...byTemplate].map(([t, methods]) => ({ path: fill(t, w), route: `${methods.join('|')} ${t}`, methods, api: t.startsWith('/api') })),
    { path: '/api/openapi.json', route: 'GET /api/openapi.json', methods: ['GET'], api: true },
    { path: '/signin', route: 'GET /signin', methods: ['GET'], api: false },
    { path: '/signout', route: 'POST /signout', methods: ['POST'], api: false },
    ...w.staticPaths.map((p) => ({ path: p, route: 'GET /static', methods: ['GET'], api: false })),
  ];
}

export function wrongMethods(w: World): Hostile[] {
  const out: Hostile[] = [];
  for (const p of allPaths(w)) {
    const isStatic = p.route === 'GET /static';
    for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND']) {
      if (p.methods.includes(m)) continue;
      // README: a wrong method is 405 with Allow on a route; the static files are no route (404).
      const verdict = isStatic || m === 'TRACE' || m === 'PROPFIND' ? fourXX : oneOf(405);
      out.push({ category: 'wrong-method', route: p.route, name: `${m} ${p.path}`,
        send: { method: m, path: p.path, headers: { ...bearer(w.tokens.all), ...JSON_TYPE }, body: m === 'GET' ? undefined : () => '{}' }, verdict });
    }
    out.push({ category: 'wrong-method', route: p.route, name: `FOO ${p.path}`,
      send: { raw: () => `FOO ${p.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n` }, verdict: fourXX });
  }
  out.push({ category: 'wrong-method', route: 'raw', name: 'CONNECT (a proxy tunnel)',
    send: { raw: () => `CONNECT 127.0.0.1:${w.port} HTTP/1.1\r\nHost: 127.0.0.1:${w.port}\r\n\r\n` }, verdict: fourXX });
  return out;
}

export function hugeHeaders(w: World): Hostile[] {
  const many: Record<string, string> = {};
  for (let i = 0; i < 400; i++) many[`x-h${i}`] = 'v'.repeat(60);
  const variants: [string, Record<string, string>][] = [
    ['a 64 KiB header', { 'x-big': 'a'.repeat(64 * 1024) }],
    ['400 headers of 60 bytes', many],
    ['a 20 KiB cookie', { cookie: `kaohe_session=${'c'.repeat(20 * 1024)}` }],
  ];
  return allPaths(w).flatMap((p) => variants.map(([name, headers]): Hostile => ({
    category: 'huge-headers', route: p.route, name: `${name} on ${p.methods[0]} ${p.path}`,
    send: { method: p.methods[0], path: p.path, headers: { ...bearer(w.tokens.all), ...headers } }, verdict: fourXX,
  })));
}

export function pathTraversal(w: World): Hostile[] {
  const targets = ['package.json', 'server/app.ts', '.git/config', 'drizzle.config.ts'];
  const ups = (n: number, sep: string) => Array.from({ length: n }, () => sep).join('');
  const paths = [
    ...targets.flatMap((t) => [1, 2, 3, 6].map((n) => `/${ups(n, '../')}${t}`)),
    `/assets/${ups(3, '..%2f')}package.json`, `/${ups(2, '%2e%2e/')}package.json`, `/${ups(2, '%2e%2e%2f')}package.json`,
    `/${ups(2, '..%5c')}package.json`, `/${ups(2, '..\\')}package.json`, `/${ups(2, '%252e%252e%252f')}package.json`,
    `/${ups(2, '%c0%ae%c0%ae/')}package.json`, `/${ups(2, '....//')}package.json`, `/assets/..%00/${ups(2, '../')}package.json`,
    '//etc/passwd', '/%2fetc%2fpasswd', `/${ups(8, '../')}etc/passwd`, '/.env', '/index.html%00.js',
  ];
  return paths.map((path): Hostile => ({
    category: 'path-traversal', route: 'GET /static', name: path,
    send: { raw: () => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1') }, verdict: noLeak,
  }));
}

export function malformedHttp(w: World): Hostile[] {
  const H = 'Host: 127.0.0.1\r\n';
  const auth = `Authorization: Bearer ${w.tokens.all}\r\n`;
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
  const cases: [string, () => Buffer | string][] = [
    ['a garbage request line', () => 'HELLO THERE\r\n\r\n'],
    ['HTTP/9.9', () => `GET /api/me HTTP/9.9\r\n${H}\r\n`],
    ['an HTTP/2 preface', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['an HTTP/0.9 request', () => 'GET /api/me\r\n\r\n'],
    ['Content-Length and Transfer-Encoding (smuggling)', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ['two different Content-Lengths', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Content-Length: 5\r\nContent-Length: 6\r\n\r\n123456`],
    ['Content-Length: -1', () => `POST /api/check HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\n`],
    ['Content-Length of 30 digits', () => `POST /api/check HTTP/1.1\r\n${H}Content-Length: ${'9'.repeat(30)}\r\n\r\n`],
    ['an unknown Transfer-Encoding', () => `POST /api/check HTTP/1.1\r\n${H}Transfer-Encoding: xchunked\r\n\r\n`],
    ['an invalid chunk size', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
    ['a 64 KiB chunk extension', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2;${'e'.repeat(64 * 1024)}\r\n{}\r\n0\r\n\r\n`],
    ['a NUL in a header', () => `GET /api/me HTTP/1.1\r\n${H}X-A: a\0b\r\n\r\n`],
    ['an obs-folded header', () => `GET /api/me HTTP/1.1\r\n${H}X-A: a\r\n b\r\n\r\n`],
    ['bare LF line ends', () => 'GET /api/me HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n'],
    ['no Host on HTTP/1.1', () => 'GET /api/me HTTP/1.1\r\n\r\n'],
    ['a Host that makes no URL', () => 'GET /api/me HTTP/1.1\r\nHost: a b\r\n\r\n'],
    ['two Hosts', () => `GET /api/me HTTP/1.1\r\n${H}Host: evil.example\r\nConnection: close\r\n\r\n`],
    ['an absolute-form target', () => `GET http://evil.example/api/me HTTP/1.1\r\n${H}Connection: close\r\n\r\n`],
    ['a 100 KB URL', () => `GET /api/schemes/${'u'.repeat(100_000)} HTTP/1.1\r\n${H}${auth}\r\n`],
    ['raw non-ASCII bytes in the path', () => Buffer.from(`GET /api/schemes/\xff\xfe HTTP/1.1\r\n${H}Connection: close\r\n\r\n`, 'latin1')],
    ['Expect: magic', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Expect: magic\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`],
    ['Expect: 100-continue with 10 GB declared', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n`],
    ['an Upgrade to websocket', () => `GET /api/me HTTP/1.1\r\n${H}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n`],
    ['a gzip bomb (50 MB of spaces)', () => Buffer.concat([Buffer.from(`POST /api/check HTTP/1.1\r\n${H}${auth}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\nConnection: close\r\n\r\n`), bomb])],
    ['200 pipelined requests', () => `${`GET /api/nothing HTTP/1.1\r\n${H}${auth}\r\n`.repeat(199)}GET /api/nothing HTTP/1.1\r\n${H}${auth}Connection: close\r\n\r\n`],
  ];
  return cases.map(([name, raw]): Hostile => ({ category: 'malformed-http', route: 'raw', name, send: { raw }, verdict: fourXX }));
}
