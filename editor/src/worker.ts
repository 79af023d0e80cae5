// The language-service worker: dsl/ (parser, checker, service) runs here so analysing a large
// scheme never blocks typing. Updates are coalesced: when several texts arrive while one is being
// analysed, only the newest is analysed; queries first bring the analysis up to date, so a
// completion always sees the text it was asked about. Messages that are data (Diagnostic.msg,
// Fix.titleMsg) are rendered here, in the UI language: the worker holds every catalog that made them.

import { localizeDiagnostic, localizeDiagnostics } from '../../dsl/diagnostics.js';
import { LanguageService, type CodeAction } from '../../dsl/service/index.js';
import type { Method, ReplyMsg, RequestMsg, Requests } from './protocol.js';

const ls = new LanguageService();
let pending: RequestMsg<'update'> | undefined;
let superseded: number[] = [];
let scheduled = false;

type Handlers = { [M in Method]: (p: Requests[M]['params']) => Requests[M]['result'] };
const handlers: Omit<Handlers, 'update'> = {
  complete: (p) => ls.complete(p.offset),
  hover: (p) => ls.hover(p.offset),
  definition: (p) => ls.definition(p.offset),
  references: (p) => ls.references(p.offset),
  codeActions: (p) => ls.codeActions(p.span).map(localizeAction),
  format: (p) => ls.format(p.keywords),
  semanticTokens: () => ls.semanticTokens(),
  outline: () => ls.outline(),
  contract: () => ls.contract(),
  contractOf: (p) => { const other = new LanguageService(); other.update(p.text); return other.contract(); },
  setUi: (p) => { ls.ui = p.ui; return null; },
};

/** A quick fix that a diagnostic carries is titled by its `titleMsg`, in the UI language. */
function localizeAction(a: CodeAction): CodeAction {
  const d = a.diagnostic;
  if (!d) return a;
  const local = localizeDiagnostic(d, ls.ui);
  return { ...a, diagnostic: local, title: d.fix && a.title === d.fix.title && local.fix ? local.fix.title : a.title };
}

function reply(msg: ReplyMsg): void {
  (self as unknown as Worker).postMessage(msg);
}

/** Analyses the newest pending text and answers every update request it replaces. */
function flush(): void {
  scheduled = false;
  const msg = pending;
  if (!msg) return;
  pending = undefined;
  const t0 = performance.now();
  const diagnostics = localizeDiagnostics(ls.update(msg.params.text), ls.ui);
  const result: Requests['update']['result'] = { version: msg.params.version, diagnostics, ms: performance.now() - t0 };
  for (const id of superseded) reply({ id, result });
  superseded = [];
  reply({ id: msg.id, result });
}

self.onmessage = (e: MessageEvent<RequestMsg>) => {
  const msg = e.data;
  if (msg.method === 'update') {
    if (pending) superseded.push(pending.id);
    pending = msg as RequestMsg<'update'>;
    if (!scheduled) { scheduled = true; setTimeout(flush, 0); }
    return;
  }
  flush();
  try {
    const h = handlers[msg.method as Exclude<Method, 'update'>] as (p: unknown) => unknown;
    reply({ id: msg.id, result: h(msg.params) });
  } catch (err) {
    reply({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
};
