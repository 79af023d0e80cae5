// One webhook POST, sent to an address checked after resolving the host (hostile audit H6 F8). The
// URL's host is checked when the webhook is set (address.ts), but a name is only an alias: one that
// resolves to the cloud metadata service (`169.254.169.254.nip.io`, `metadata.google.internal`) or to
// 0.0.0.0 passed, and fetch resolved it again at delivery. Here the host is resolved once, every
// address it has is checked (forbiddenAddress), and the connection goes to the checked address —
// node:http's `lookup` hook is where the socket gets its address, so nothing resolves it twice.
// An address literal is checked as it is (the socket does not look it up). Redirects are not
// followed: a 3xx is an answer like any other non-2xx.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { forbiddenAddress, forbiddenHost } from './address.js';

/** Thrown (as the delivery's error) when the host is or resolves to a refused address. */
export class RefusedAddress extends Error {
  constructor(host: string, address: string) {
    super(`the webhook host ${host} resolves to ${address}, an address a webhook may not reach`);
  }
}

/** How a host's addresses are found: dns.lookup with `all` (a test gives its own). */
export type Resolve = (hostname: string, options: { family?: number; hints?: number; all: true }, callback: (err: Error | null, found: LookupAddress[]) => void) => void;

const dnsResolve: Resolve = (hostname, options, callback) => dnsLookup(hostname, options, callback);

/** Resolves like dns.lookup, refusing the host when any of its addresses is refused. */
const checkedLookup = (resolve: Resolve): LookupFunction => (hostname, options, callback) => {
  // Newer Node types also allow the family as 'IPv4' / 'IPv6'.
  const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
  resolve(hostname, { family, hints: options.hints, all: true }, (err, found) => {
    if (err) return callback(err, '', 0);
    const refused = found.find((a) => forbiddenAddress(a.address));
    if (refused) return callback(new RefusedAddress(hostname, refused.address), '', 0);
    if (found.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    // Node asks for every address (`all`) when it tries several families; otherwise for one.
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
    callback(null, found[0].address, found[0].family);
  });
};

/** POSTs `body` to `url` and answers the status (the answer's body is discarded); rejects on a
 * network error, a refused address, or after `timeoutMs`. */
export function postChecked(url: string, headers: Record<string, string>, body: string, timeoutMs: number, resolver: Resolve = dnsResolve): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (forbiddenHost(target.hostname)) return reject(new RefusedAddress(target.hostname, target.hostname));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const options: RequestOptions = {
      method: 'POST', lookup: checkedLookup(resolver), signal: AbortSignal.timeout(timeoutMs),
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body, 'utf8')) },
    };
    const req = send(target, options, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body, 'utf8');
  });
}
