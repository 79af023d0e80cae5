// Splitting a generated program's function into parts (issue 16, session 10). V8 never optimizes a
// function of more than 61,440 bytes of bytecode (--max-optimized-bytecode-size) and the generated
// `run` makes ≈ 0.9 byte of it per character: a scheme about twice the province's would run
// unoptimized, silently (1.5–2.4× slower: docs/benchmarks.md "Tenth session"). Past SPLIT_AT characters
// the body of the program's function is cut, between its top-level statements, into parts of at most
// PART characters, each a function of its own (`run_0`, `run_1`…) which the function calls in order
// with its own parameters. A statement `if (C) { … }` longer than PART (the layout, a group's block)
// is first turned into `const g$N = C;` and guard blocks `if (g$N) { … }` of its statements (flatten):
// C is evaluated once, as before, and the cuts fall between the guard blocks.
//
// What crosses a cut: a local declared at the top of the body (or of a guard block) and read in
// another part (or guard block) lives in a slot of a scratch array `S` instead (`S[12]`; an object
// of a few hundred properties would be a dictionary in V8), and so does a parameter the body assigns.
// One array per depth of nesting — a run entered again before it returns (the twice program's
// `member.again`, a cohort member's second run) takes the next — made once and reused: no allocation
// per subject. A local that never crosses stays a local. The source lists the slots' names.
//
// It works on the generated text, which only the emitters wrote: names of the emitters' own (ASCII,
// never with `$`), scheme text only in string literals (safe.ts `str`) and `//` comments (safe.ts
// `comment`). It reads the text as tokens with block scopes (a nested declaration that shadows a
// crossing name — the twice program's `reasons` — stays itself), and gives up on anything it does not
// expect (a template literal, a block comment, a destructuring, `var`, a function, an arrow with a
// body…): then the program stays one function, exactly as before. Each part is named in a comment by
// its first statement's comment (the scheme's names, already cleaned by `comment`).

/** Bodies longer than this (characters; ≈ 43 KB of bytecode, 70% of the limit) are split. The province
 * scheme's programs (36–44 K of body) are below it and stay one function, as before: split, they measured
 * 3–5% slower (bench/split.ts), and a part's optimization costs CPU first. */
export const SPLIT_AT = 48_000;
/** The largest part, in characters (≈ 7 KB of bytecode; a single statement that cannot be cut may
 * be longer). Smaller than the limit needs: TurboFan's time grows faster than a function's size —
 * parts of 24,000 characters took 0.2–1.1 s each to optimize and a 4× province scheme ran slow for
 * ≈ 16,000–20,000 subjects meanwhile; with parts of 6,000 for ≈ 8,000–10,000, about as fast after
 * (bench/split.ts, docs/benchmarks.md "Tenth session"). */
export const PART = 8_000;

type Tok = { t: 'id' | 'str' | 'num' | 'p' | 'c'; v: string; at: number; line: number };

class GiveUp extends Error {}

const digit = (c: number) => c >= 48 && c <= 57;
const idStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const idPart = (c: number) => idStart(c) || digit(c);

/** The body's tokens (comments kept as 'c'). */
function tokens(src: string, firstLine: number): Tok[] {
  const out: Tok[] = [];
  let i = 0, line = firstLine;
  const P3 = ['===', '!==', '??=', '...', '>>>', '||=', '&&=', '**='];
  const P2 = ['==', '!=', '<=', '>=', '&&', '||', '??', '?.', '=>', '++', '--', '+=', '-=', '*=', '/=', '%=', '>>', '<<', '**'];
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\n') { line++; i++; continue; }
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (ch === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const j = end < 0 ? src.length : end;
      out.push({ t: 'c', v: src.slice(i, j), at: i, line });
      i = j; continue;
    }
    if (ch === '/' && src[i + 1] === '*') throw new GiveUp('block comment');
    if (ch === '`') throw new GiveUp('template literal');
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== ch) { if (src[j] === '\\') j++; if (src[j] === '\n') throw new GiveUp('string'); j++; }
      out.push({ t: 'str', v: src.slice(i, j + 1), at: i, line });
      i = j + 1; continue;
    }
    if (idStart(src.charCodeAt(i))) {
      let j = i + 1;
      while (j < src.length && idPart(src.charCodeAt(j))) j++;
      out.push({ t: 'id', v: src.slice(i, j), at: i, line });
      i = j; continue;
    }
    if (digit(src.charCodeAt(i))) {
      let j = i + 1;
      while (j < src.length && (idPart(src.charCodeAt(j)) || src[j] === '.')) { if ((src[j] === 'e' || src[j] === 'E') && (src[j + 1] === '-' || src[j + 1] === '+')) j++; j++; }
      out.push({ t: 'num', v: src.slice(i, j), at: i, line });
      i = j; continue;
    }
    if (ch.charCodeAt(0) > 127) throw new GiveUp('non-ASCII outside literals');
    const three = src.slice(i, i + 3), two = src.slice(i, i + 2);
    const v = P3.includes(three) ? three : P2.includes(two) ? two : ch;
    out.push({ t: 'p', v, at: i, line });
    i += v.length;
  }
  return out;
}

const KEYWORDS = new Set(['const', 'let', 'var', 'if', 'else', 'for', 'of', 'in', 'while', 'do', 'switch', 'case', 'default', 'break',
  'continue', 'return', 'throw', 'try', 'catch', 'finally', 'new', 'typeof', 'instanceof', 'true', 'false', 'null', 'undefined',
  'this', 'function', 'void', 'delete']);

/** Tokens after which `{` opens an object literal (else a block). */
const EXPR_BEFORE = new Set(['=', '(', ',', '[', '?', '??', '||', '&&', '+', '-', '!', '===', '!==', '==', '!=', 'return', '=>', '??=', '||=', '&&=']);

interface Frame { kind: 'block' | 'object' | 'paren' | 'bracket'; decls: Set<string>; /** a guard block of flatten: its declarations are the body's */ wrap?: number; /** a `for (…)` head: its declarations go to the next block */ forHead?: boolean }
interface Declarator { name: Tok; init: boolean; comma?: Tok }
interface TopDecl { kw: Tok; list: Declarator[] }
/** `wraps`: the guard blocks (flatten) it stands in. */
interface Ref { tok: Tok; shorthand: boolean; wraps: number[] }

interface Analysis {
  /** name → line declared, and the guard block (flatten) it is declared in (-1: none) */
  top: Map<string, { line: number; wrap: number }>;
  decls: TopDecl[];
  refs: Ref[];
  /** lines where a top-level statement may begin (a cut before it) */
  cuts: Set<number>;
  /** the first line holding a `return` of the function */
  firstReturn: number;
  /** parameters the body assigns (`display = R.display(…)`): they live in the scratch array too */
  assigned: Set<string>;
}

/** Names the split itself declares: a body using one is left whole. */
const OURS = /^(S|SP|SD|newS)$|\$/;
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '??=', '||=', '&&=', '++', '--']);

/** Reads the body: its top-level declarations, the references that are not to a nested declaration,
 * where statements begin. `params`: the function's parameters (those it assigns are reported). */
function analyse(body: string, params: Set<string>, guards: Set<string>): Analysis {
  const toks = tokens(body, 0);
  const root: Frame = { kind: 'block', decls: new Set() };
  const stack: Frame[] = [root];
  const top = new Map<string, { line: number; wrap: number }>(), decls: TopDecl[] = [], refs: Ref[] = [];
  const cuts = new Set<number>([0]);
  const arrowParams = new Set<string>(), assigned = new Set<string>();
  let firstReturn = Infinity;
  let pendingFor: Set<string> | undefined; // a for head's declarations, for its block
  let prev: Tok | undefined; // the previous significant token
  let curLine = -1;
  /** The declaration being read: its keyword, declarators, the depth it stands at; `name`: a name comes next. */
  let decl: { kw: Tok; list: Declarator[]; depth: number; top: boolean; name: boolean; comma?: Tok } | undefined;
  const declared = (name: string) => { for (let k = stack.length - 1; k >= 1; k--) if (stack[k].decls.has(name)) return true; return false; };
  /** At the body's top level, or in guard blocks only; the guard blocks stood in. */
  const atTop = () => stack.every((x, i) => i === 0 || x.wrap !== undefined);
  const wraps = () => stack.filter((x) => x.wrap !== undefined).map((x) => x.wrap!);
  let nWrap = 0;
  const sig = (k: number) => { while (k < toks.length && toks[k].t === 'c') k++; return toks[k]; };
  const endDecl = () => { if (decl && decl.top) decls.push({ kw: decl.kw, list: decl.list }); decl = undefined; };

  for (let k = 0; k < toks.length; k++) {
    const tk = toks[k];
    if (tk.line !== curLine) {
      // a line at the top level that does not continue a statement (`else`, `catch`, `finally`) starts one
      curLine = tk.line;
      const after = prev === undefined || prev.v === ';' || prev.v === '}';
      if (stack.length === 1 && !decl && after && !(tk.t === 'id' && ['else', 'catch', 'finally'].includes(tk.v))) cuts.add(tk.line);
    }
    if (tk.t === 'c') continue;
    if (decl && stack.length === decl.depth && !decl.name) {
      if (tk.v === ',') { decl.name = true; decl.comma = tk; prev = tk; continue; }
      if (tk.v === ';' || tk.v === ')' || ((tk.v === 'of' || tk.v === 'in') && stack[decl.depth - 1].forHead)) endDecl();
      else if (tk.v === '=' && prev === decl.list[decl.list.length - 1].name) decl.list[decl.list.length - 1].init = true;
    }
    const f = stack[stack.length - 1];
    if (tk.t === 'p') {
      switch (tk.v) {
        case '(': stack.push({ kind: 'paren', decls: new Set(), forHead: prev?.v === 'for' || prev?.v === 'catch' }); break;
        case '[': stack.push({ kind: 'bracket', decls: new Set() }); break;
        case '{': {
          if (decl?.name) throw new GiveUp('destructuring');
          const obj = prev !== undefined && (EXPR_BEFORE.has(prev.v) || (prev.v === ':' && f.kind === 'object'));
          const fr: Frame = { kind: obj ? 'object' : 'block', decls: new Set() };
          // `if (g$N) {` of flatten at the top: a guard block, whose declarations are the body's
          if (!obj && atTop() && prev?.v === ')' && toks[k - 4]?.v === 'if' && toks[k - 3]?.v === '(' && guards.has(toks[k - 2]?.v)) fr.wrap = nWrap++;
          if (!obj && pendingFor) for (const n of pendingFor) fr.decls.add(n);
          pendingFor = undefined;
          stack.push(fr);
          break;
        }
        case ')': case ']': case '}': {
          const fr = stack.pop()!;
          if (stack.length === 0) throw new GiveUp('unbalanced');
          if ((tk.v === ')') !== (fr.kind === 'paren') || (tk.v === ']') !== (fr.kind === 'bracket')) throw new GiveUp('unbalanced');
          if (fr.forHead) {
            if (sig(k + 1)?.v === '{') pendingFor = fr.decls;
            else { // a loop body without braces: its variable is taken as the enclosing block's
              for (const n of fr.decls) { if (top.has(n) || params.has(n)) throw new GiveUp('loop variable shadows'); stack[stack.length - 1].decls.add(n); }
            }
          }
          break;
        }
        case '=>': {
          if (prev?.t === 'id') { arrowParams.add(prev.v); if (refs[refs.length - 1]?.tok === prev) refs.pop(); }
          else if (prev?.v === ')') { // `(a, b) =>`: the names just read as references are its parameters
            const from = body.lastIndexOf('(', prev.at);
            while (refs.length && refs[refs.length - 1].tok.at > from) arrowParams.add(refs.pop()!.tok.v);
          }
          if (sig(k + 1)?.v === '{') throw new GiveUp('arrow with a body');
          break;
        }
        default:
      }
      prev = tk;
      continue;
    }
    if (tk.t === 'id') {
      if (OURS.test(tk.v) && !guards.has(tk.v)) throw new GiveUp('a name of the split');
      if (tk.v === 'var' || tk.v === 'function' || tk.v === 'this' || tk.v === 'arguments') throw new GiveUp(tk.v);
      if (tk.v === 'return') firstReturn = Math.min(firstReturn, tk.line);
      if (tk.v === 'const' || tk.v === 'let') {
        if (decl) throw new GiveUp('nested declaration');
        if (f.kind === 'paren' && !f.forHead) throw new GiveUp('declaration in parentheses');
        if (f.kind === 'object' || f.kind === 'bracket') throw new GiveUp('declaration');
        decl = { kw: tk, list: [], depth: stack.length, top: atTop(), name: true };
        prev = tk;
        continue;
      }
      if (decl?.name && stack.length === decl.depth) {
        if (KEYWORDS.has(tk.v)) throw new GiveUp('declaration');
        decl.list.push({ name: tk, init: false, ...(decl.comma ? { comma: decl.comma } : {}) });
        decl.name = false;
        if (decl.top) {
          if (top.has(tk.v) || params.has(tk.v)) throw new GiveUp('declared twice');
          const w = wraps();
          top.set(tk.v, { line: tk.line, wrap: w.length ? w[w.length - 1] : -1 });
        }
        else f.decls.add(tk.v);
        prev = tk;
        continue;
      }
      if (f.forHead && prev?.v === '(' && toks[k - 2]?.v === 'catch') { f.decls.add(tk.v); prev = tk; continue; } // catch (err)
      const after = prev?.v === '.' || prev?.v === '?.';
      if (!after && !KEYWORDS.has(tk.v)) {
        const next = sig(k + 1);
        const keyPos = f.kind === 'object' && (prev?.v === '{' || prev?.v === ',');
        if (keyPos && next?.v === ':') { /* a key */ }
        else if (keyPos && next?.v === '(') throw new GiveUp('method');
        else if (!declared(tk.v)) {
          if (params.has(tk.v) && ((next && ASSIGN.has(next.v)) || prev?.v === '++' || prev?.v === '--')) assigned.add(tk.v);
          refs.push({ tok: tk, shorthand: keyPos && (next?.v === ',' || next?.v === '}'), wraps: wraps() });
        }
      }
    }
    prev = tk;
  }
  if (stack.length !== 1 || decl) throw new GiveUp('unbalanced');
  for (const n of arrowParams) if (top.has(n) || params.has(n)) throw new GiveUp('arrow parameter shadows');
  return { top, decls, refs, cuts, firstReturn, assigned };
}

/** The source of a generated program (a factory returning `function name(params) { … }`) with its
 * function split into parts if it is long (see the header); else the same source. */
export function splitProgram(source: string, at = SPLIT_AT, part = PART): string {
  const lines = source.split('\n');
  const open = lines.findIndex((l) => /^return function \w+\(.*\) \{$/.test(l));
  const close = lines.lastIndexOf('};');
  if (open < 0 || close <= open) return source;
  const body = lines.slice(open + 1, close);
  if (body.join('\n').length <= at) return source;
  const m = /^return function (\w+)\((.*)\) \{$/.exec(lines[open])!;
  const params = m[2].split(',').map((s) => s.trim()).filter(Boolean);
  try {
    return [...lines.slice(0, open), ...parts(body, params, m[1], part), ...lines.slice(close)].join('\n');
  } catch (err) {
    if (err instanceof GiveUp) return source; // the program stays one function, as before
    throw err;
  }
}

/** The statements of `lines` at indentation `d` (a body: 1), each its lines. */
function statements(lines: string[], d: number): string[][] {
  const pad = '  '.repeat(d), out: string[][] = [];
  for (const l of lines) {
    const own = l.startsWith(pad) && l[pad.length] !== ' ';
    const rest = l.slice(pad.length);
    if (own && !/^(\}|else\b|catch\b|finally\b)/.test(rest) || out.length === 0) out.push([l]);
    else out[out.length - 1].push(l);
  }
  return out;
}

/** The body with every statement longer than `part` of the form `if (C) { … }` (the layout, a
 * group's block) turned into `const g$N = C;` and guard blocks `if (g$N) { … }` of at most `part`
 * characters of its statements each (flattened in turn): C is evaluated once, as before, and the
 * statements run in the same order under it; the cuts can then fall between the guard blocks. What a
 * guard block declares and another reads crosses in the scratch array (parts). */
function flatten(lines: string[], d: number, part: number, guards: Set<string>): string[] {
  const pad = '  '.repeat(d), out: string[] = [];
  for (const st of statements(lines, d)) {
    const size = st.reduce((n, l) => n + l.length + 1, 0);
    const m = /^if \((.*)\) \{$/.exec(st[0].slice(pad.length));
    if (size <= part || !m || st.length < 3 || st[st.length - 1] !== `${pad}}`) { out.push(...st); continue; }
    const g = `g$${guards.size}`;
    guards.add(g);
    out.push(`${pad}const ${g} = ${m[1]}; // split.ts: the condition once, its block in guarded pieces`);
    let piece: string[] = [], n = 0;
    const close = () => { if (piece.length) out.push(`${pad}if (${g}) {`, ...piece, `${pad}}`); piece = []; n = 0; };
    for (const inner of statements(flatten(st.slice(1, -1), d + 1, part, guards), d + 1)) {
      const len = inner.reduce((k, l) => k + l.length + 1, 0);
      if (n > 0 && n + len > part) close();
      piece.push(...inner); n += len;
    }
    close();
  }
  return out;
}

/** The body's parts, their scratch arrays and the function that calls them. */
function parts(whole: string[], params: string[], name: string, part: number): string[] {
  const guards = new Set<string>();
  const body = flatten(whole, 1, part, guards);
  const text = body.join('\n');
  const a = analyse(text, new Set(params), guards);
  // parts: whole top-level statements, up to `part` characters; the last one begins at the first return at the latest
  // (no cut after it: a part's `return` is the function's only in the last part)
  const starts: number[] = [0];
  const cuts = [...a.cuts].filter((l) => l > 0 && l <= a.firstReturn && l < body.length).sort((x, y) => x - y);
  let size = 0, from = 0;
  for (const l of [...cuts, body.length]) {
    const len = body.slice(from, l).reduce((n, x) => n + x.length + 1, 0); // the statements from..l
    if (size > 0 && size + len > part) { starts.push(from); size = 0; }
    size += len; from = l;
  }
  if (starts.length < 2) throw new GiveUp('one part');
  const partOf = (line: number) => { let p = 0; while (p + 1 < starts.length && starts[p + 1] <= line) p++; return p; };
  // the names that cross a cut
  const shared = new Set<string>();
  for (const r of a.refs) {
    const d = a.top.get(r.tok.v);
    // read in another part, or outside the guard block it is declared in
    if (d !== undefined && (partOf(d.line) !== partOf(r.tok.line) || (d.wrap >= 0 && !r.wraps.includes(d.wrap)))) shared.add(r.tok.v);
  }
  // edits: a crossing name's references and declarations
  const edits: { at: number; len: number; text: string }[] = [];
  for (const n of a.assigned) shared.add(n);
  // slots of an array, not properties: an object of a few hundred properties is a dictionary in V8
  const slot = new Map([...shared].map((n, i) => [n, `S[${i}]`]));
  for (const r of a.refs) if (shared.has(r.tok.v) && (a.top.has(r.tok.v) || a.assigned.has(r.tok.v))) edits.push({ at: r.tok.at, len: r.tok.v.length, text: r.shorthand ? `${r.tok.v}: ${slot.get(r.tok.v)}` : slot.get(r.tok.v)! });
  for (const d of a.decls) {
    if (!d.list.some((x) => shared.has(x.name.v))) continue;
    d.list.forEach((x, i) => {
      const s = shared.has(x.name.v);
      if (i === 0) { if (s) edits.push({ at: d.kw.at, len: d.kw.v.length + 1, text: '' }); }
      else edits.push({ at: x.comma!.at, len: 1, text: s ? ';' : `; ${d.kw.v}` });
      edits.push({ at: x.name.at, len: x.name.v.length, text: (s ? slot.get(x.name.v)! : x.name.v) + (s && !x.init ? ' = undefined' : '') });
    });
  }
  edits.sort((x, y) => x.at - y.at);
  let out = '', pos = 0;
  for (const e of edits) { if (e.at < pos) throw new GiveUp('overlapping edits'); out += text.slice(pos, e.at) + e.text; pos = e.at + e.len; }
  out += text.slice(pos);
  const edited = out.split('\n');
  if (edited.length !== body.length) throw new GiveUp('lines');

  const args = ['S', ...params].join(', ');
  const res: string[] = [];
  const fields = [...shared];
  res.push(`// ${name} in ${starts.length} parts (engine/codegen/split.ts): what crosses from one to another lives in a scratch array S,`);
  res.push('// one per depth of nesting (a run entered again before it returns takes the next), reused run after run');
  res.push(`const SP = []; let SD = 0;`);
  res.push(`const newS = () => Array.from({ length: ${fields.length} }, () => undefined); // packed: one slot a name`);
  for (let i = 0; i < fields.length; i += 12) res.push(`// S: ${fields.slice(i, i + 12).map((f, j) => `${i + j} ${f}`).join(', ')}`);
  starts.forEach((s, p) => {
    const end = p + 1 < starts.length ? starts[p + 1] : body.length;
    const first = body.slice(s, end).find((l) => /^\s*\/\/ /.test(l));
    res.push(`// part ${p} of ${name}${first ? `: from ${first.trim().slice(3)}` : ''}`);
    res.push(`function ${name}_${p}(${args}) {`);
    res.push(...edited.slice(s, end));
    res.push('}');
  });
  res.push(`return function ${name}(${params.join(', ')}) {`);
  res.push('  const S = SD < SP.length ? SP[SD] : (SP[SD] = newS());');
  res.push('  SD++;');
  for (const n of a.assigned) res.push(`  ${slot.get(n)} = ${n}; // assigned in the body`);
  res.push('  try {');
  starts.forEach((_, p) => res.push(`    ${p + 1 < starts.length ? '' : 'return '}${name}_${p}(${args});`));
  res.push('  } finally { SD--; }');
  return res;
}
