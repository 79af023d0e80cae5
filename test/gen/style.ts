// How generated source is spelled: which language each keyword occurrence uses, full-width
// punctuation and Chinese quotes now and then, irregular spacing and line breaks, and comments
// between tokens and lines. None of it changes the tree, which is what the formatter tests rely on.

import { BUILTINS, RESULT_NAMES, keywordText, type KeywordId } from '../../dsl/keywords.js';
import type { Rng } from './rng.js';

/** `en`/`zh`: every keyword in one language; `mixed`: each occurrence drawn at random. */
export type KeywordMix = 'en' | 'zh' | 'mixed';

export interface StyleOptions {
  keywords?: KeywordMix;
  /** Probability of a comment between two tokens / before a line (default 0.02 / 0.1). */
  tokenComments?: number;
  lineComments?: number;
  /** Probability of full-width punctuation and Chinese quotes (default 0.1). */
  fullWidth?: number;
}

const FULL_WIDTH: Record<string, string> = { ':': '：', ',': '，', '(': '（', ')': '）', '[': '【', ']': '】' };
const COMMENT_TEXTS = ['note', '说明 { 不影响 }', 'TODO: 复核权重', 'a } b', '权重见文件 (2026)', '*'];

export class Style {
  readonly mix: KeywordMix;
  constructor(readonly r: Rng, readonly opts: StyleOptions = {}) {
    this.mix = opts.keywords ?? r.pick(['en', 'zh', 'mixed'] as const);
  }

  private zh(): boolean {
    return this.mix === 'zh' || (this.mix === 'mixed' && this.r.bool());
  }

  kw(id: KeywordId): string {
    return keywordText(id, this.zh() ? 'zh' : 'en');
  }

  /** A built-in function or result name (canonical English) in a random language. */
  builtin(name: string): string {
    return this.zh() ? (BUILTINS[name] ?? RESULT_NAMES[name] ?? name) : name;
  }

  /** Punctuation that has a full-width twin the lexer accepts. */
  p(ch: string): string {
    return FULL_WIDTH[ch] && this.r.bool(this.opts.fullWidth ?? 0.1) ? FULL_WIDTH[ch] : ch;
  }

  str(value: string): string {
    if (!/["\\”]/.test(value) && this.r.bool(this.opts.fullWidth ?? 0.1)) return `“${value}”`;
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }

  comment(block: boolean): string {
    const t = this.r.pick(COMMENT_TEXTS);
    return block ? `/* ${t} */` : `// ${t}`;
  }

  /** Joins one line's tokens with a space, sometimes more, a line break or a comment between them. */
  join(tokens: string[], indent: string): string {
    let s = tokens[0] ?? '';
    for (const t of tokens.slice(1)) {
      const roll = this.r.int(0, 99);
      const pc = (this.opts.tokenComments ?? 0.02) * 100;
      if (roll < pc / 2) s += ` ${this.comment(true)} `;
      else if (roll < pc) s += ` ${this.comment(false)}\n${indent}    `;
      else if (roll < pc + 2) s += `\n${indent}    `;
      else if (roll < pc + 4) s += '  ';
      else s += ' ';
      s += t;
    }
    return s;
  }
}

/** Collects lines of generated source with indentation, blank lines and comments. */
export class Writer {
  private readonly out: string[] = [];
  private depth = 0;
  constructor(readonly s: Style) {}

  private pad(): string { return '  '.repeat(this.depth); }

  line(tokens: string[]): void {
    const { r, opts } = this.s;
    if (r.bool(opts.lineComments ?? 0.1)) this.out.push(this.pad() + this.s.comment(r.bool(0.3)));
    let text = this.pad() + this.s.join(tokens, this.pad());
    if (r.bool((opts.lineComments ?? 0.1) / 2)) text += ' ' + this.s.comment(r.bool(0.3));
    this.out.push(text);
  }

  open(tokens: string[]): void { this.line([...tokens, '{']); this.depth++; }
  close(): void {
    if (this.s.r.bool((this.s.opts.lineComments ?? 0.1) / 2)) this.out.push(this.pad() + this.s.comment(false));
    this.depth--;
    this.line(['}']);
  }
  blank(): void { if (this.s.r.bool(0.5)) this.out.push(''); }
  text(): string { return this.out.join('\n') + '\n'; }
}
