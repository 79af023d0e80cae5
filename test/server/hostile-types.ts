// The hostile corpus's shapes (issue 10; split from hostile-corpus.ts by category in issue 16
// session 6, nothing changed in what is sent or required): what a request sends and what came back,
// the attack categories, the world the corpus is built for (tokens, ids, the OpenAPI routes) and the
// routes read from the live OpenAPI document.

import { json } from './hostile-build.js';
import { oversized } from './hostile-access.js';

export const MAX_ANSWER_BYTES = 2_000_000;
export const MAX_ANSWER_MS = 2_000;

/** What came back. `failure` is set when no complete answer did (reset, timeout, too large). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text, cut at MAX_ANSWER_BYTES + 1 bytes. */
  body: string;
  bytes: number;
  ms: number;
  failure?: string;
}

/** A request through node:http (any method, any path bytes Node allows, any headers). */
export interface HttpSend {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  /** Built when sent, so the corpus does not hold 60 MB of bodies at once. */
  body?: () => Buffer | string;
  /** Sent with `Transfer-Encoding: chunked` (no Content-Length). */
  chunked?: boolean;
}

/** Bytes written as they are to a fresh socket: what node:http refuses to produce. */
export interface RawSend {
  raw: () => Buffer | string;
}

/** A failure reason, or undefined when the answer is what the category requires. */
export type Verdict = (a: Answer) => string | undefined;

export interface Hostile {
  category: Category;
  /** `METHOD /template` of the route attacked (`GET /static` for the editor's files). */
  route: string;
  name: string;
  send: HttpSend | RawSend;
  verdict: Verdict;
}

export const CATEGORIES = [
  'junk-source', 'source-over-cap', 'deep-nesting', 'postfix-chains', 'let-chains', 'checker-throws',
  'invalid-utf8', 'lone-surrogates', 'huge-deep-json', 'wrong-content-type', 'wrong-method',
  'huge-headers', 'path-traversal', 'malformed-http', 'foreign-ids', 'bad-parameters', 'exact-numbers',
  'cross-origin', 'oversized-body', 'bad-tokens', 'auth-burst',
] as const;
export type Category = (typeof CATEGORIES)[number];

// ---------------------------------------------------------------------------------------------
// The world the corpus is built for

/** One operation of the OpenAPI document. */
export interface Route {
  method: string;
  template: string;
  params: { name: string; in: string }[];
  /** Property names of the JSON request body, when the operation takes one. */
  body?: string[];
  public: boolean;
}

export interface World {
  port: number;
  routes: Route[];
  /** Largest source a source route accepts, in UTF-8 bytes. */
  sourceCapBytes: number;
  /** `all`: org A, every role (so that a request is never refused for its role before the attack). */
  tokens: { all: string; evaluator: string; revoked: string };
  /** `kaohe_session=…` of an org-A browser session holding every role. */
  cookie: string;
  ids: {
    scheme: string; evaluation: string; token: string; bScheme: string; bEvaluation: string; bToken: string; exactEvaluation: string;
    round: string; bRound: string; account: string; bAccount: string;
  };
  /** Paths of the editor's files that exist (`/`, `/index.html`, an asset). */
  staticPaths: string[];
}

/** The OpenAPI document's operations, with `$ref` request bodies resolved to their property names. */
export function routesOf(doc: any): Route[] {
  const resolve = (s: any): any => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
  const out: Route[] = [];
  for (const [template, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
      out.push({
        method: method.toUpperCase(),
        template,
        params: (op.parameters ?? []).map((p: any) => ({ name: p.name, in: p.in })),
        body: schema ? Object.keys(schema.properties ?? {}) : undefined,
        public: !op.security || op.security.length === 0,
      });
    }
  }
  return out;
}
