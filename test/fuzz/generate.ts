// Fuzz inputs, one per (seed, index): mutations of the corpus (tokens and characters deleted,
// duplicated, swapped or inserted; slices spliced in from another file; truncation), files spliced
// together, and token soup from the keyword table in both languages. Each input has its own random
// stream derived from seed and index, so any input is reproduced from those two numbers alone,
// without generating the ones before it.

import type { Lang } from '../../dsl/keywords.js';
import { SEEDS, VOCABULARY } from './corpus.js';

export interface FuzzInput {
  seed: number;
  index: number;
  text: string;
  /** How the text was made, for reports: `mutate schemes/x.kaohe: delTok@120 swapTok@5/88`. */
  shape: string;
  /** The keyword language the pipeline formats it in (alternating). */
  lang: Lang;
  /** A mutated scheme's own text, unmutated: the same-run baseline of an input over the budget. */
  origin?: string;
}

/** A small, fast PRNG (sfc32) seeded through splitmix32 from (seed, index). */
export class Random {
  private a: number; private b: number; private c: number; private d: number;
  constructor(seed: number, index: number) {
    let s = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index >>> 0, 0x85ebca6b) ^ Math.floor(index / 2 ** 32)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
  }
  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }
  /** An integer in [0, n). */
  int(n: number): number { return n <= 0 ? 0 : this.u32() % n; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.u32() < p * 2 ** 32; }
}

const TOKEN = /"(?:[^"\\\n]|\\.)*"?|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|\d+(?:\.\d+)?%?|[\p{L}_][\p{L}\p{N}_]*|\s+|==|!=|<=|>=|=>|[^]/gu;
const FULL = SEEDS.filter((s) => !s.path.startsWith('test/'));

const tokenCache = new Map<string, string[]>();
/** A rough token split (the real lexer is under test, so it is not used to mutate). */
export function tokens(text: string): string[] {
  let t = tokenCache.get(text);
  if (!t) { t = text.match(TOKEN) ?? []; tokenCache.set(text, t); }
  return t;
}

const NUMBERS = ['0', '1', '2', '0.5', '50', '99.995', '100', '101', '0%', '50%', '100%', '150%', '1000000', '3.14159'];
const OPERATORS = ['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '且', '或'];
function classOf(s: string): 'number' | 'op' | 'name' | undefined {
  if (/^\d/.test(s)) return 'number';
  if (OPERATORS.includes(s)) return 'op';
  if (/^[\p{L}_]/u.test(s)) return 'name';
  return undefined;
}

type Op = (r: Random, toks: string[], log: string[]) => void;

/** Token-level and character-level edits; each logs what it did. */
const OPS: Op[] = [
  (r, t, log) => { const i = r.int(t.length); const n = 1 + r.int(3); t.splice(i, n); log.push(`delTok@${i}x${n}`); },
  (r, t, log) => { const i = r.int(t.length); const n = 1 + r.int(4); t.splice(i, 0, ...t.slice(i, i + n)); log.push(`dupTok@${i}x${n}`); },
  (r, t, log) => {
    const i = r.int(t.length), j = r.chance(0.5) ? Math.min(t.length - 1, i + 1 + r.int(3)) : r.int(t.length);
    [t[i], t[j]] = [t[j], t[i]]; log.push(`swapTok@${i}/${j}`);
  },
  (r, t, log) => {
    const i = r.int(t.length + 1), w = r.chance(0.7) ? r.pick(VOCABULARY) : t[r.int(t.length)] ?? 'x';
    t.splice(i, 0, r.chance(0.5) ? ` ${w} ` : w); log.push(`insTok@${i}:${JSON.stringify(w)}`);
  },
  (r, t, log) => { const i = r.int(t.length); t[i] = r.pick(VOCABULARY); log.push(`replTok@${i}:${JSON.stringify(t[i])}`); },
  (r, t, log) => { // characters: edit inside one token
    const i = r.int(t.length), s = t[i] ?? '';
    const at = r.int(s.length + 1), n = 1 + r.int(3);
    switch (r.int(3)) {
      case 0: t[i] = s.slice(0, at) + s.slice(at + n); log.push(`delChar@${i}.${at}x${n}`); break;
      case 1: t[i] = s.slice(0, at) + s.slice(at, at + n) + s.slice(at); log.push(`dupChar@${i}.${at}x${n}`); break;
      default: {
        const w = r.pick(VOCABULARY), c = w[r.int(w.length)] ?? '';
        t[i] = s.slice(0, at) + c + s.slice(at); log.push(`insChar@${i}.${at}:${JSON.stringify(c)}`);
      }
    }
  },
  (r, t, log) => { // like for like: a name for another name of the file, a number, an operator
    const i = r.int(t.length), s = t[i] ?? '';
    const cls = classOf(s);
    if (!cls) return;
    const same = t.filter((x) => classOf(x) === cls);
    t[i] = cls === 'number' && r.chance(0.5) ? r.pick(NUMBERS) : r.pick(same);
    log.push(`like@${i}:${JSON.stringify(t[i])}`);
  },
  (r, t, log) => { // splice a slice of another file in, replacing a few tokens
    const other = r.pick(SEEDS), o = tokens(other.text);
    const from = r.int(o.length), len = 1 + r.int(40), at = r.int(t.length + 1), del = r.int(8);
    t.splice(at, del, ...o.slice(from, from + len)); log.push(`splice@${at}-${del}<${other.path}[${from}+${len}]`);
  },
];

export function fuzzInput(seed: number, index: number): FuzzInput {
  const r = new Random(seed, index);
  const lang: Lang = index % 2 === 0 ? 'en' : 'zh';
  const kind = r.int(20);
  if (kind < 15) {
    // Half the time one of the full schemes (schemes/, spec examples): they reach compile and
    // evaluation far more often than the small broken fixtures.
    const file = r.chance(0.5) ? r.pick(FULL) : r.pick(SEEDS);
    const t = tokens(file.text).slice();
    const log: string[] = [];
    const like = OPS.length - 2;
    for (let n = 1 + r.int(4); n > 0; n--) (r.chance(0.3) ? OPS[like] : r.pick(OPS))(r, t, log);
    let text = t.join('');
    if (r.chance(0.1)) { const at = r.int(text.length + 1); text = text.slice(0, at); log.push(`truncate@${at}`); }
    return { seed, index, lang, text, shape: `mutate ${file.path}: ${log.join(' ') || 'unchanged'}`, origin: file.text };
  }
  if (kind < 17) {
    const a = r.pick(SEEDS), b = r.pick(SEEDS);
    const i = r.int(a.text.length + 1), j = r.int(b.text.length + 1);
    return { seed, index, lang, text: a.text.slice(0, i) + b.text.slice(j), shape: `join ${a.path}[0,${i}) + ${b.path}[${j},…)` };
  }
  const n = 1 + r.int(r.chance(0.2) ? 400 : 60);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(r.pick(VOCABULARY));
  const sep = r.chance(0.8) ? ' ' : '';
  const body = words.join(sep);
  const wrapped = r.chance(0.6);
  return {
    seed, index, lang, text: wrapped ? `scheme 汤 {\n${body}\n}\n` : body,
    shape: `soup of ${n} words${wrapped ? ' in a scheme' : ''}${sep ? '' : ' (glued)'}`,
  };
}
