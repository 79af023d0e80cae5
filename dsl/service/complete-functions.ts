// Completion around functions declared in the scheme (issue 12). Calls: every function with its
// parameter list (`折算(x: number, 满分: number): number`) and label, next to the built-ins. Inside a
// `function` declaration: after `:` a type; in the body (after `=`) its parameters first, then what
// a body may use. The statement is found on the tokens (the text may not parse while it is typed).

import type { FunctionDecl } from '../ast.js';
import { types, type CompletionItem, type CompletionKind, type Env } from './candidates.js';
import type { CursorContext } from './context.js';
import type { Tok } from './scan.js';
import { say, word } from './messages.js';

/** `折算(x: number, 满分: number): number` as the file spells it. */
export function signatureText(d: FunctionDecl, text: string): string {
  const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end).replace(/\s+/g, ' ');
  const params = d.params.map((p) => `${p.name.name}: ${slice(p.type.span)}`).join(', ');
  return `${d.name.name}(${params})${d.result ? `: ${slice(d.result.span)}` : ''}`;
}

/** The scheme's functions, for an expression position. */
export function functions(env: Env, rank = 2): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const s of env.syms?.names.values() ?? []) {
    if (s.kind !== 'function') continue;
    out.push({
      label: s.name, kind: 'function', sortText: `${rank}${s.name}`, detail: signatureText(s.decl, env.text),
      documentation: s.decl.label?.value ?? word('function', env.ui),
    });
  }
  return out;
}

/** Declarations end at these keywords (and at braces): where to stop looking back for `function`. */
const STOPS = new Set(['function', 'let', 'adjust', 'indicator', 'group', 'when', 'input', 'table', 'enum', 'panel',
  'negative', 'reward', 'grades', 'outcomes', 'example', 'scale']);

const SUBJECT_VALUES = new Set<CompletionKind>(['input', 'let', 'indicator', 'group']);

/** Completions inside a `function` declaration, or undefined when the cursor is not in one. */
export function inFunction(toks: readonly Tok[], ctx: CursorContext, env: Env, expression: () => CompletionItem[]): CompletionItem[] | undefined {
  let head = -1, eq = -1;
  for (let j = ctx.prevIndex; j >= 0; j--) {
    const t = toks[j];
    if (t.p === '{' || t.p === '}') return undefined;
    if (t.p === '=' && eq < 0) eq = j;
    if (t.kw && STOPS.has(t.kw)) { if (t.kw === 'function') head = j; break; }
  }
  if (head < 0) return undefined;
  if (eq < 0) return ctx.prev?.p === ':' ? types(env) : []; // a parameter's name, or its type
  const params: CompletionItem[] = [];
  for (let j = head + 2; j < eq; j++) {
    if (toks[j].kind === 'ident' && toks[j + 1]?.p === ':' && toks[j - 1]?.p !== ')') {
      params.push({ label: toks[j].text, kind: 'binder', sortText: `0${toks[j].text}`, detail: say('paramOf', env.ui, { name: toks[head + 1]?.text ?? '' }) });
    }
  }
  // A body sees no subject values (KH-C080): no inputs, lets, indicators or groups to offer.
  return [...params, ...expression().filter((i) => !SUBJECT_VALUES.has(i.kind))];
}
